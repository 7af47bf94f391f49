import { transportOf } from '../model/transports.js';
import { randomUUID } from 'node:crypto';
import { Journal } from '../trace/journal.js';
import { Catalogue, type ItemTypes } from './catalogue.js';
import { type CapabilitiesInput, CapabilitiesSchema, type CatalogueSeedInput } from '../model/catalogue-schema.js';
import { Faults } from './faults.js';
import { Holds } from './holds.js';
import { MockSession } from './session-server.js';
import { CHANGED_METHOD } from '../model/words.js';
import { type Delivery, type Wire, WireTransport } from './wire-transport.js';
import { type ItemKind, type ListKind, type MockEra } from '../model/words.js';
import { type ModernControls, modernControls } from './modern/route.js';

export interface MockServerOptions {
  catalogue?: CatalogueSeedInput;
  capabilities?: CapabilitiesInput;
  /** Items per list page (0: one page). */
  pageSize?: number;
  journal?: Journal;
  /** The era(s) served: legacy (default), modern (2026-07-28), or dual (both, chosen by how each client opens). */
  era?: MockEra;
  /** Modern era: `ttlMs` on every list result (default 0: never fresh). */
  ttlMs?: number;
}

export interface NotifyOptions {
  /** Only these sessions (default: every live session). */
  sessions?: string[];
}

export interface SessionDelivery extends Delivery {
  session: string;
}

export interface StormOptions {
  count: number;
  intervalMs: number;
  /** Add a fresh tool before each notification, so every notification announces a real change. */
  mutate?: boolean;
  list?: ListKind;
  /** Prefix for tools a mutating storm adds. */
  prefix?: string;
  /** Stops the storm early (the run was interrupted or the target died). */
  signal?: AbortSignal;
}

/**
 * The scriptable upstream: one catalogue shared by every session, each session its own SDK `Server`.
 * Mutations and notifications are separate operations; everything lands on the journal.
 */
export class MockServer {
  readonly journal: Journal;
  readonly catalogue: Catalogue;
  readonly holds: Holds;
  readonly faults: Faults;
  readonly era: MockEra;
  /** Modern era knobs the scenario turns (acknowledgement delay, ttlMs); shared by every modern connection. */
  readonly modern: ModernControls;
  private readonly sessions = new Map<string, MockSession>();
  private readonly ctx: ConstructorParameters<typeof MockSession>[1];
  private stormCounter = 0;

  constructor(options: MockServerOptions = {}) {
    this.journal = options.journal ?? new Journal();
    this.catalogue = new Catalogue(options.catalogue ?? {}, this.journal);
    this.holds = new Holds(this.journal);
    this.faults = new Faults(this.journal);
    this.ctx = {
      catalogue: this.catalogue,
      capabilities: CapabilitiesSchema.parse(options.capabilities ?? {}),
      holds: this.holds,
      journal: this.journal,
      pageSize: options.pageSize ?? 0,
    };
    this.era = options.era ?? 'legacy';
    this.modern = modernControls(this.era, options.ttlMs ?? 0);
  }

  /** Called by a transport binding when a client connects: creates the session's server and transport. */
  async openSession(wire: Wire, id: string = randomUUID()): Promise<WireTransport> {
    const transport = new WireTransport(id, wire, this.journal);
    const session = new MockSession(transport, this.ctx, { era: this.era, modern: this.modern });
    this.sessions.set(id, session);
    const onclose = () => this.sessions.delete(id);
    this.journal.append({ kind: 'session-opened', session: id, transport: wire.kind });
    await session.start();
    const sdkOnClose = transport.onclose;
    transport.onclose = () => {
      onclose();
      sdkOnClose?.();
    };
    return transport;
  }

  /** Ids of the live sessions, oldest first. */
  sessionIds(): string[] {
    return [...this.sessions.keys()];
  }

  session(id: string): MockSession | undefined {
    return this.sessions.get(id);
  }

  add<K extends ItemKind>(kind: K, item: Parameters<Catalogue['add']>[1] & Partial<ItemTypes[K]>): number {
    return this.catalogue.add(kind, item as never);
  }

  remove(kind: ItemKind, key: string): number {
    return this.catalogue.remove(kind, key);
  }

  update<K extends ItemKind>(kind: K, key: string, patch: Partial<ItemTypes[K]>): number {
    return this.catalogue.update(kind, key, patch);
  }

  /** Sends `notifications/<list>/list_changed` to every live session (faults applied); returns each delivery. */
  notify(list: ListKind, options: NotifyOptions = {}): SessionDelivery[] {
    const method = CHANGED_METHOD[list];
    const sessions = this.targets(options.sessions);
    // One send, whatever it fans out to: counts of "sent" and "delivered" must not be confused.
    this.journal.append({ kind: 'fanout', method, sessions: sessions.length });
    const copies = this.faults.take(method);
    const results: SessionDelivery[] = [];
    for (const session of sessions) {
      if (copies === 0) {
        this.journal.append({
          kind: 'notification',
          session: session.id,
          method,
          delivered: false,
          reason: 'dropped by fault',
        });
        results.push({ session: session.id, delivered: false, reason: 'dropped by fault' });
        continue;
      }
      for (let i = 0; i < copies; i++) {
        for (const delivery of session.notifyListChanged(list)) results.push({ session: session.id, ...delivery });
      }
    }
    return results;
  }

  /** Sends `notifications/resources/updated` to the sessions (legacy) or listen streams (modern) subscribed to `uri`. */
  notifyResourceUpdated(uri: string): SessionDelivery[] {
    return [...this.sessions.values()].flatMap((session) =>
      session.notifyResourceUpdated(uri).map((delivery) => ({ session: session.id, ...delivery })));
  }

  /** `count` notifications `intervalMs` apart on an absolute schedule (no drift), optionally each after a mutation. */
  async storm(options: StormOptions): Promise<void> {
    const list = options.list ?? 'tools';
    const start = this.journal.clock.now();
    for (let i = 0; i < options.count; i++) {
      if (options.signal?.aborted) return;
      const due = start + i * options.intervalMs;
      const wait = due - this.journal.clock.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (options.mutate) this.mutateForStorm(list, options.prefix ?? 'storm');
      this.notify(list);
    }
  }

  /** Holds responses to `method` until `release` (see `Holds`). */
  hold(method: string, count?: number, ownOnly = false): void {
    this.holds.hold(method, count, ownOnly);
  }

  release(method?: string): number {
    this.holds.stopHolding(method);
    return this.holds.release(method);
  }

  /** Ends sessions from the server side (HTTP: later requests get 404; stdio: the process exits). */
  terminateSession(ids?: string[]): string[] {
    const ended: string[] = [];
    for (const session of this.targets(ids)) {
      this.journal.append({ kind: 'fault', fault: 'terminate-session', session: session.id });
      session.transport.end('terminated by server');
      ended.push(session.id);
    }
    return ended;
  }

  /** Makes stdio mock processes exit with `code` (the target sees its server die); returns the sessions ended. */
  exitProcess(code: number, ids?: string[]): string[] {
    const ended: string[] = [];
    for (const session of this.targets(ids)) {
      if (transportOf(session.transport.kind).teardown !== 'exit-process') continue; // only a started process can exit
      this.journal.append({
        kind: 'fault',
        fault: 'exit-process',
        session: session.id,
        detail: `exit code ${code}`,
      });
      session.transport.end(`process exit ${code}`, code);
      ended.push(session.id);
    }
    return ended;
  }

  /**
   * Closes the standalone stream (legacy) or the listen streams (modern) of each session that has one; `graceful`
   * ends a listen with its result first. Returns the sessions whose stream closed.
   */
  dropStream(ids?: string[], graceful = false): string[] {
    const dropped: string[] = [];
    for (const session of this.targets(ids)) {
      if (session.dropStream(graceful)) {
        this.journal.append({ kind: 'fault', fault: 'drop-stream', session: session.id });
        dropped.push(session.id);
      }
    }
    return dropped;
  }

  /**
   * Ends, every so often, each session idle `idleMs` with no stream open and no request in flight (a client that
   * initialized and never came back), journaling why. Returns the function that stops reaping.
   */
  reapIdleSessions(idleMs: number): () => void {
    const timer = setInterval(() => {
      const now = this.journal.clock.now();
      for (const session of [...this.sessions.values()]) {
        if (session.transport.idleFor(idleMs, now)) session.transport.end(`reaped: idle for ${idleMs} ms with nothing open`);
      }
    }, Math.max(50, Math.min(idleMs / 2, 5_000)));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Releases held responses and ends every session. */
  async close(): Promise<void> {
    this.holds.releaseAll();
    for (const session of [...this.sessions.values()]) session.transport.end('mock closed');
  }

  private targets(ids: string[] | undefined): MockSession[] {
    if (!ids) return [...this.sessions.values()];
    return ids.map((id) => this.sessions.get(id)).filter((session): session is MockSession => !!session);
  }

  private mutateForStorm(list: ListKind, prefix: string): void {
    this.stormCounter += 1;
    const name = `${prefix}-${this.stormCounter}`;
    if (list === 'tools') this.catalogue.add('tools', { name });
    else if (list === 'prompts') this.catalogue.add('prompts', { name });
    else this.catalogue.add('resources', { uri: `mock://${prefix}/${this.stormCounter}`, name });
  }
}
