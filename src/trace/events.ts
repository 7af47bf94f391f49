import { z } from 'zod';
import { EraSchema, ItemKindSchema, ListKindSchema, TransportKindSchema } from '../model/words.js';
import { base, PROBE_EVENTS } from './probe-events.js';
import { SERVER_EVENTS } from './server-events.js';

const session = z.string();
const stream = z.string();
const message = z.unknown();

/** One fact on the trace: `seq` orders events, `t` is ms since the trace origin on the shared clock. */
export const TraceEventSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('session-opened'), session, transport: TransportKindSchema }),
  z.object({
    ...base,
    kind: z.literal('session-initialized'),
    session,
    protocolVersion: z.string(),
    clientName: z.string().optional(),
    /** `modern`: the 2026-07-28 era has no initialize; this marks the connection's first valid request. */
    era: EraSchema.optional(),
  }),
  z.object({ ...base, kind: z.literal('session-closed'), session, reason: z.string() }),
  z.object({
    ...base,
    kind: z.literal('stream-opened'),
    session,
    stream,
    role: z.enum(['standalone', 'post', 'sse', 'stdio', 'listen']),
    lastEventId: z.string().optional(),
    /** The id of the priming event the stream opened with (resumable streams). */
    primed: z.string().optional(),
    /** The SSE `retry` (ms) the stream's priming event told the client to wait before reconnecting. */
    retryMs: z.number().int().nonnegative().optional(),
  }),
  z.object({ ...base, kind: z.literal('stream-closed'), session, stream, reason: z.string() }),
  z.object({
    ...base,
    kind: z.literal('frame-received'),
    session: session.optional(),
    stream: stream.optional(),
    message,
  }),
  z.object({
    ...base,
    kind: z.literal('frame-sent'),
    session,
    stream,
    message,
    eventId: z.string().optional(),
    replay: z.boolean().optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('frame-invalid'),
    session: session.optional(),
    error: z.string(),
    raw: z.string(),
  }),
  z.object({
    ...base,
    kind: z.literal('http-rejected'),
    method: z.string(),
    path: z.string(),
    status: z.number().int(),
    reason: z.string(),
    session: session.optional(),
    /** The JSON-RPC error code in the answer's body. */
    code: z.number().int().optional(),
    /** The JSON-RPC messages in the refused body, in order, when it parsed as JSON (`method` above is the HTTP verb). */
    rpc: z
      .array(z.object({ method: z.string().optional(), id: z.union([z.string(), z.number()]).optional() }))
      .optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('catalogue-mutated'),
    revision: z.number().int(),
    op: z.enum(['add', 'remove', 'update']),
    item: ItemKindSchema,
    key: z.string(),
  }),
  /** One notification the server sent: it fans out to `sessions` live sessions, each delivery a `notification` after it. */
  z.object({ ...base, kind: z.literal('fanout'), method: z.string(), sessions: z.number().int().nonnegative() }),
  z.object({
    ...base,
    kind: z.literal('notification'),
    session,
    method: z.string(),
    delivered: z.boolean(),
    reason: z.string().optional(),
    stream: stream.optional(),
    stored: z.boolean().optional(),
    /** Modern era: the listen stream (its request id) the notification went to, or was kept from. */
    subscription: z.string().optional(),
  }),
  // The modern era's listen streams: opened with a filter, acknowledged (maybe late), closed by either side.
  z.object({
    ...base,
    kind: z.literal('listen-opened'),
    session,
    stream,
    subscription: z.string(),
    /** The lists whose list_changed the client asked for (`resources/updated` subscriptions as `uri:<uri>`). */
    requested: z.array(z.string()),
    /** The part of it the server acknowledged it would honour. */
    honoured: z.array(z.string()),
  }),
  z.object({ ...base, kind: z.literal('listen-acknowledged'), session, stream, subscription: z.string(), delivered: z.boolean() }),
  z.object({
    ...base,
    kind: z.literal('listen-closed'),
    session,
    stream,
    subscription: z.string(),
    reason: z.string(),
    by: z.enum(['client', 'server']),
  }),
  z.object({
    ...base,
    kind: z.literal('list-served'),
    session,
    method: z.string(),
    requestId: z.union([z.string(), z.number()]),
    revision: z.number().int(),
    cursor: z.string().optional(),
    nextCursor: z.string().optional(),
    keys: z.array(z.string()),
  }),
  z.object({
    ...base,
    kind: z.literal('response-held'),
    session,
    method: z.string(),
    requestId: z.union([z.string(), z.number()]),
  }),
  z.object({
    ...base,
    kind: z.literal('response-released'),
    session,
    method: z.string(),
    requestId: z.union([z.string(), z.number()]),
  }),
  z.object({
    ...base,
    kind: z.literal('fault'),
    fault: z.string(),
    session: session.optional(),
    detail: z.string().optional(),
  }),
  // What the runner did and saw of the target.
  z.object({
    ...base,
    kind: z.literal('catalogue-snapshot'),
    revision: z.number().int(),
    keys: z.object({ tools: z.array(z.string()), resources: z.array(z.string()), prompts: z.array(z.string()) }),
  }),
  z.object({
    ...base,
    kind: z.literal('step'),
    index: z.number().int(),
    op: z.string(),
    phase: z.enum(['start', 'end']),
    detail: z.string().optional(),
  }),
  z.object({ ...base, kind: z.literal('target-started'), pid: z.number().int(), command: z.string() }),
  z.object({
    ...base,
    kind: z.literal('target-exited'),
    code: z.number().int().nullable(),
    signal: z.string().nullable(),
    /** True when the runner ended it (dispose); false when it died by itself. */
    expected: z.boolean(),
  }),
  z.object({ ...base, kind: z.literal('target-view'), list: ListKindSchema, names: z.array(z.string()) }),
  /**
   * How a race's stale answer came to be released: after a view report showed the fresh answer applied (`view`), after
   * the wire went quiet for a target that reports no views (`wire`), with no fresh answer served during the race
   * (`serialised`), or after the deadline with the fresh answer never shown applied (`unconfirmed`).
   */
  z.object({ ...base, kind: z.literal('race-staged'), how: z.enum(['view', 'wire', 'serialised', 'unconfirmed']), waitedMs: z.number() }),
  /** The last lines the target wrote (stdout and stderr), kept when it never connected: the evidence of why. */
  z.object({ ...base, kind: z.literal('target-output'), lines: z.array(z.string()) }),
  /** A process the target left running after its process group was ended (it escaped the group); the harness ended it. */
  z.object({ ...base, kind: z.literal('target-leftover'), pid: z.number().int(), command: z.string() }),
  z.object({ ...base, kind: z.literal('settled'), quietMs: z.number(), timedOut: z.boolean() }),
  ...PROBE_EVENTS,
  ...SERVER_EVENTS,
  /** Gateway mode, --catalog-url: the gateway's REST catalogue as a second view (keys through the token). */
  z.object({ ...base, kind: z.literal('catalog-view'), keys: z.array(z.string()), status: z.number().int() }),
]);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type TraceEvent = z.infer<typeof TraceEventSchema>;
/** The body of an event before the journal stamps `seq` and `t`. */
export type EventBody = DistributiveOmit<TraceEvent, 'seq' | 't'>;
export type EventKind = TraceEvent['kind'];
export type EventOf<K extends EventKind> = Extract<TraceEvent, { kind: K }>;
