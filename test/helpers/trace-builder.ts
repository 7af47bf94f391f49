import { ScenarioSchema } from '../../src/model/scenario-schema.js';
import { type EventBody, type TraceEvent } from '../../src/trace/events.js';
import { type Era, type ListKind, type MockEra } from '../../src/model/words.js';
import { LIST_METHOD, PROBE_MARKER } from '../../src/model/words.js';
import { TRACE_FORMAT, type Trace, type TraceMeta } from '../../src/trace/trace.js';

type Keys = Record<ListKind, string[]>;

/** Builds synthetic traces for check tests: time moves only when told to. */
export class TraceBuilder {
  private readonly events: TraceEvent[] = [];
  private now = 0;
  private nextId = 1;
  readonly session = 's1';
  private debounceMs: number | undefined;
  private era: Era = 'legacy';
  private served: MockEra | undefined;
  private checkIds: string[] = ['converges'];
  private mode: 'client' | 'gateway' = 'client';

  /** Moves the clock forward. */
  wait(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Moves the clock to `t`, never back: for traces laid out on absolute times, such as a poller's ticks. */
  at(t: number): this {
    if (t < this.now) throw new Error(`the trace is at t=${this.now}; it cannot go back to ${t}`);
    this.now = t;
    return this;
  }

  /** The checks the synthetic scenario names (what `check` re-judges the trace with). */
  withChecks(...ids: string[]): this {
    this.checkIds = ids;
    return this;
  }

  /** The trace is of a modern-era cell. */
  modern(): this {
    this.era = 'modern';
    return this;
  }

  /** The trace is of a gateway cell (the probe's events are then the unlabelled ones). */
  gateway(): this {
    this.mode = 'gateway';
    return this;
  }

  /** The mock served `era` instead of the cell's own (era-fallback). */
  serving(era: MockEra): this {
    this.served = era;
    return this;
  }

  expectDebounce(ms: number): this {
    this.debounceMs = ms;
    return this;
  }

  push(body: EventBody): this {
    this.events.push({ ...body, seq: this.events.length, t: this.now });
    return this;
  }

  opened(session = this.session): this {
    return this.push({ kind: 'session-opened', session, transport: 'http' });
  }

  snapshot(keys: Partial<Keys>, revision = 0): this {
    return this.push({ kind: 'catalogue-snapshot', revision, keys: { tools: [], resources: [], prompts: [], ...keys } });
  }

  mutate(key: string, revision: number, op: 'add' | 'remove' = 'add'): this {
    return this.push({ kind: 'catalogue-mutated', revision, op, item: 'tools', key });
  }

  notify(list: ListKind = 'tools', delivered = true, session = this.session): this {
    const method = `notifications/${list}/list_changed`;
    return this.push(delivered ? { kind: 'notification', session, method, delivered } : { kind: 'notification', session, method, delivered, reason: 'no standalone GET stream open' });
  }

  /** A list request; returns its JSON-RPC id through `id`. */
  request(list: ListKind, options: { cursor?: string; session?: string; probeMarker?: string } = {}): this {
    const id = this.nextId++;
    const params = {
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
      ...(options.probeMarker === undefined ? {} : { _meta: { [PROBE_MARKER]: options.probeMarker } }),
    };
    return this.push({ kind: 'frame-received', session: options.session ?? this.session, message: { jsonrpc: '2.0', id, method: LIST_METHOD[list], params } });
  }

  /** Serves the most recent request of `list` with one page. */
  serve(
    list: ListKind,
    keys: string[],
    revision: number,
    options: { nextCursor?: string; cursor?: string; session?: string } = {},
  ): this {
    const id = this.nextId - 1;
    return this.push({
      kind: 'list-served',
      session: options.session ?? this.session,
      method: LIST_METHOD[list],
      requestId: id,
      revision,
      keys,
      ...(options.cursor ? { cursor: options.cursor } : {}),
      ...(options.nextCursor ? { nextCursor: options.nextCursor } : {}),
    });
  }

  /** A whole single-page fetch taking `tookMs`. */
  relist(list: ListKind, keys: string[], revision: number, tookMs = 1): this {
    return this.request(list).wait(tookMs).serve(list, keys, revision);
  }

  /** The probe's list (gateway mode): requested `tookMs` before now, answer recorded now. */
  probeList(
    list: ListKind,
    keys: string[],
    reason: 'initial' | 'calibrate' | 'notification' | 'poll' | 'final' | 'step' = 'notification',
    tookMs = 1,
    rename: (key: string) => string = (key) => `up__${key}`,
  ): this {
    return this.push({ kind: 'probe-list', list, reason, requestedT: this.now - tookMs, names: keys.map(rename), keys });
  }

  /** One notification the mock sent, fanned out to `sessions` sessions (each delivered). */
  fanout(list: ListKind = 'tools', sessions: string[] = [this.session]): this {
    this.push({ kind: 'fanout', method: `notifications/${list}/list_changed`, sessions: sessions.length });
    for (const session of sessions) this.notify(list, true, session);
    return this;
  }

  /** A list_changed the probe received from the gateway. */
  probeNote(list: ListKind = 'tools'): this {
    return this.push({ kind: 'probe-notification', method: `notifications/${list}/list_changed` });
  }

  view(list: ListKind, names: string[]): this {
    return this.push({ kind: 'target-view', list, names });
  }

  build(): Trace {
    const meta: TraceMeta = {
      format: TRACE_FORMAT,
      tool: { name: 'mcp-notify-check', version: 'test' },
      scenario: ScenarioSchema.parse({
        id: 'synthetic', title: 'synthetic', mode: this.mode, steps: [{ op: 'ready' }], checks: this.checkIds.map((id) => ({ id })),
      }),
      transport: 'http',
      era: this.era,
      ...(this.served === undefined ? {} : { served: this.served }),
      target: 'synthetic',
      options: this.debounceMs === undefined ? {} : { debounceMs: this.debounceMs },
      startedAt: new Date(0).toISOString(),
      origin: 0,
    };
    return { meta, events: [...this.events] };
  }
}
