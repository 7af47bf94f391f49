import type { Journal } from '../trace/journal.js';

type RequestId = string | number;

interface Held {
  session: string;
  method: string;
  requestId: RequestId;
  release: () => void;
}

/** A hold waiting for requests: how many more it takes, and whether a gateway's users' requests pass it by. */
interface Arming {
  remaining: number;
  ownOnly: boolean;
}

/**
 * Barriers on responses: while a method is held, each response to it waits until `release` is called.
 * This is how a scenario forces a race (a stale list answered after a change) without sleeping.
 */
export class Holds {
  private readonly holding = new Map<string, Arming>();
  private readonly delays = new Map<string, number>();
  private readonly failing = new Set<string>();
  private readonly held: Held[] = [];

  constructor(private readonly journal: Journal) {}

  /**
   * Holds the next `count` responses to `method` (all of them when omitted) until released. `ownOnly` (gateway mode)
   * lets requests that carry the probe's marker pass: a gateway's users' lists passed through are answered, its own
   * refresh is held.
   */
  hold(method: string, count = Number.POSITIVE_INFINITY, ownOnly = false): void {
    this.holding.set(method, { remaining: count, ownOnly });
  }

  /** Stops holding new responses to `method` (or every method); already held ones stay held. */
  stopHolding(method?: string): void {
    if (method === undefined) this.holding.clear();
    else this.holding.delete(method);
  }

  /** Delays every response to `method` by `ms` (0 removes the delay). */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  /** Answers every request to `method` with an error from now on (`on`), or normally again. */
  fail(method: string, on: boolean): void {
    if (on) this.failing.add(method);
    else this.failing.delete(method);
  }

  /** True while requests to `method` are answered with an error. */
  fails(method: string): boolean {
    return this.failing.has(method);
  }

  /** Releases held responses (to `method`, or all), oldest first; returns how many. */
  release(method?: string): number {
    const chosen = this.held.filter((entry) => method === undefined || entry.method === method);
    for (const entry of chosen) {
      this.held.splice(this.held.indexOf(entry), 1);
      this.journal.append({
        kind: 'response-released',
        session: entry.session,
        method: entry.method,
        requestId: entry.requestId,
      });
      entry.release();
    }
    return chosen.length;
  }

  /** How many responses are waiting. */
  get pending(): number {
    return this.held.length;
  }

  /** Called by a handler before it answers (`marked`: the request carries the probe's marker): waits while held, then for any delay. */
  async gate(session: string, method: string, requestId: RequestId, marked = false): Promise<void> {
    const arming = this.holding.get(method);
    if (arming && !(arming.ownOnly && marked)) {
      if (arming.remaining <= 1) this.holding.delete(method);
      else arming.remaining -= 1;
      await new Promise<void>((release) => {
        this.held.push({ session, method, requestId, release });
        this.journal.append({ kind: 'response-held', session, method, requestId });
      });
    }
    const delayMs = this.delays.get(method);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  /** Releases everything (used on dispose so no handler stays pending). */
  releaseAll(): void {
    this.stopHolding();
    this.release();
  }
}
