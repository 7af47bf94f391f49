import { HarnessError } from '../errors.js';
import { type Clock, systemClock } from './clock.js';
import { type EventBody, type EventKind, type EventOf, type TraceEvent, TraceEventSchema } from './events.js';
import { eventLine } from './serialized.js';

export type JournalListener = (event: TraceEvent) => void;

export interface JournalOptions {
  clock?: Clock;
  /** Absolute time (clock ms) that `t` is measured from; defaults to now. */
  origin?: number;
  /**
   * Validate each event against the schema as it is appended. Off by default: appends are typed, and
   * every event is validated anyway before it leaves the journal (snapshot, JSONL).
   */
  validateOnAppend?: boolean;
  /**
   * Keep at most this many events in memory (default: all). Past it the oldest half is dropped: a long-running
   * `serve` keeps its whole journal on disk (its JSONL file) and only the recent part in memory.
   */
  capacity?: number;
}

export interface WaitOptions {
  timeoutMs: number;
  /** Only events with `seq >= fromSeq` match (default 0: the whole journal, past events first). */
  fromSeq?: number;
  /** Resolve on the `count`-th match (default 1). */
  count?: number;
  /** Ends the wait early (the target died, the run was interrupted). */
  signal?: AbortSignal;
  /** Named in `waitOrThrow`'s error so a hung wait says what it waited for. */
  what?: string;
}

/** The append-only record of everything the mock sees and sends. */
export class Journal {
  readonly clock: Clock;
  readonly origin: number;
  private readonly events: TraceEvent[] = [];
  private readonly listeners = new Set<JournalListener>();
  private readonly validateOnAppend: boolean;
  private validatedUpTo = 0;
  /** Seq of the first event still in memory (events before it were dropped past `capacity`). */
  private base = 0;
  private readonly capacity: number;
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(options: JournalOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.origin = options.origin ?? this.clock.now();
    this.validateOnAppend = options.validateOnAppend ?? false;
    this.capacity = options.capacity ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Stamps and records one event, then tells every listener. `at` (clock ms) is when it happened, if earlier
   * than now: frames are stamped when their bytes arrived, not when parsing finished. The journal takes ownership of `body`
   * (it is stamped in place: object spread costs ~10× an assignment on V8 and this is the hot path).
   */
  append(body: EventBody, at = this.clock.now()): TraceEvent {
    const event = body as TraceEvent;
    event.seq = this.base + this.events.length;
    // A frame stamped on arrival may be recorded after later events; `t` never runs backwards in seq order.
    event.t = Math.max(round3(at - this.origin), this.lastT);
    this.lastT = event.t;
    if (this.validateOnAppend) TraceEventSchema.parse(event);
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    if (this.events.length > this.capacity) this.evict(Math.ceil(this.capacity / 2));
    return event;
  }

  /** Calls `listener` for every later event; returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events appended so far (the next event's seq), whether or not they are still in memory. */
  get size(): number {
    return this.base + this.events.length;
  }

  /** Seq of the oldest event still in memory: events before it were dropped past `capacity`. */
  get firstInMemory(): number {
    return this.base;
  }

  /** Drops the oldest events (they are on disk already where capacity is used; they are not validated again). */
  private evict(count: number): void {
    this.events.splice(0, count);
    this.base += count;
    this.validatedUpTo = Math.max(0, this.validatedUpTo - count);
  }

  /** A frozen copy of the events so far, each validated against the schema. */
  snapshot(): readonly TraceEvent[] {
    this.validate();
    return Object.freeze(this.events.slice());
  }

  /** Validates events not yet checked; a malformed one is a bug in the harness, so it throws. */
  private validate(): void {
    for (; this.validatedUpTo < this.events.length; this.validatedUpTo++) {
      const parsed = TraceEventSchema.safeParse(this.events[this.validatedUpTo]);
      if (!parsed.success) {
        throw new HarnessError(
          'BAD_EVENT',
          `journal event ${this.validatedUpTo} is malformed: ${parsed.error.message}`,
        );
      }
    }
  }

  /** Events of one kind, in order. */
  ofKind<K extends EventKind>(kind: K): EventOf<K>[] {
    return this.events.filter((event): event is EventOf<K> => event.kind === kind);
  }

  /**
   * Resolves with the `count`-th matching event (already recorded or future), or undefined when `timeoutMs` runs out or
   * `signal` aborts: a scenario's waits end instead of hanging. The one journal wait; `waitOrThrow` wraps it.
   */
  waitFor(predicate: (event: TraceEvent) => boolean, options: WaitOptions): Promise<TraceEvent | undefined> {
    const fromSeq = options.fromSeq ?? 0;
    const { signal } = options;
    let seen = 0;
    const matches = (event: TraceEvent) => event.seq >= fromSeq && predicate(event) && ++seen >= (options.count ?? 1);
    for (let i = Math.max(0, fromSeq - this.base); i < this.events.length; i++) {
      const event = this.events[i] as TraceEvent;
      if (matches(event)) return Promise.resolve(event);
    }
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (event: TraceEvent | undefined) => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', abort);
        resolve(event);
      };
      const timer = setTimeout(() => finish(undefined), options.timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (matches(event)) finish(event);
      });
      const abort = () => finish(undefined);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** `waitFor`, but a timeout or abort is a HarnessError naming what was awaited (for tests and tools, not scenarios). */
  async waitOrThrow(predicate: (event: TraceEvent) => boolean, options: WaitOptions): Promise<TraceEvent> {
    const found = await this.waitFor(predicate, options);
    if (found) return found;
    throw new HarnessError('WAIT_TIMEOUT', `timed out after ${options.timeoutMs} ms waiting for ${options.what ?? 'a journal event'}`);
  }

  /** The journal as JSON Lines, one event per line. */
  toJsonl(fromSeq = 0): string {
    this.validate();
    let out = '';
    for (let i = Math.max(0, Math.trunc(fromSeq) - this.base); i < this.events.length; i++) out += `${eventLine(this.events[i] as TraceEvent)}\n`;
    return out;
  }
}

/** Microsecond resolution is all the clock offers; rounding keeps traces readable. */
function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
