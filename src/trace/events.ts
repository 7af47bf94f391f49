import { z } from 'zod';
import { EraSchema, ItemKindSchema, ListKindSchema, TransportKindSchema } from '../model/words.js';

const base = { seq: z.number().int().nonnegative(), t: z.number() };
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
  /** The last lines the target wrote (stdout and stderr), kept when it never connected: the evidence of why. */
  z.object({ ...base, kind: z.literal('target-output'), lines: z.array(z.string()) }),
  /** A process the target left running after its process group was ended (it escaped the group); the harness ended it. */
  z.object({ ...base, kind: z.literal('target-leftover'), pid: z.number().int(), command: z.string() }),
  z.object({ ...base, kind: z.literal('settled'), quietMs: z.number(), timedOut: z.boolean() }),
  // Gateway mode: what the downstream probe client (the gateway's user) sees. Server mode: what each probe session sees
  // (`probe` names it: A, B, C; absent in gateway mode, which has one probe).
  z.object({
    ...base,
    kind: z.literal('probe-connected'),
    attempt: z.number().int(),
    probe: z.string().optional(),
    /** Streamable HTTP: false when the probe deliberately opened no standalone GET stream (nothing can reach it unasked). */
    standalone: z.boolean().optional(),
    /** The lists whose changes the server (or gateway) advertises it announces (`listChanged` in its capabilities). */
    announces: z.array(ListKindSchema).optional(),
  }),
  z.object({ ...base, kind: z.literal('probe-disconnected'), reason: z.string(), probe: z.string().optional() }),
  z.object({
    ...base,
    kind: z.literal('probe-notification'),
    method: z.string(),
    probe: z.string().optional(),
    /** 2026-07-28: the `subscriptionId` in its `_meta` (absent: it carried none). */
    subscription: z.union([z.string(), z.number()]).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('probe-list'),
    list: ListKindSchema,
    /** Why the probe listed: at connect, on a notification, at the end, or by a scenario step. */
    reason: z.enum(['initial', 'calibrate', 'notification', 'poll', 'final', 'step']),
    /** When the probe sent the request (t of the event is when the answer came). */
    requestedT: z.number(),
    /** Names as the gateway shows them. */
    names: z.array(z.string()),
    /** The upstream keys those names map to (names without the cell's token are the gateway's own). */
    keys: z.array(z.string()),
    probe: z.string().optional(),
  }),
  z.object({ ...base, kind: z.literal('probe-error'), message: z.string(), probe: z.string().optional() }),
  // A 2026-07-28 probe's listen stream downstream: acknowledged (with the types honoured), ended by the gateway, re-opened.
  z.object({
    ...base,
    kind: z.literal('probe-listen'),
    state: z.enum(['acknowledged', 'ended', 'reopened']),
    detail: z.string(),
    probe: z.string().optional(),
    /** acknowledged: the `subscriptionId` the acknowledgement carries (absent: none). */
    subscription: z.union([z.string(), z.number()]).optional(),
    /** acknowledged: the lists the listen request asked for. */
    requested: z.array(ListKindSchema).optional(),
    /** acknowledged: the lists the acknowledgement says are honoured. */
    honored: z.array(ListKindSchema).optional(),
  }),
  /** The probe called a tool: through a gateway (a lazy gateway opens its upstream session on a call), or a server's change tool. */
  z.object({
    ...base,
    kind: z.literal('probe-call'),
    tool: z.string(),
    ok: z.boolean(),
    message: z.string().optional(),
    probe: z.string().optional(),
  }),
  /**
   * Server mode, server-resume: the resuming session's own GET stream, read raw: opened, a message on it (with its SSE
   * event id), dropped by the harness, re-opened with Last-Event-ID, or refused.
   */
  z.object({
    ...base,
    kind: z.literal('probe-stream'),
    probe: z.string(),
    state: z.enum(['opened', 'message', 'dropped', 'resumed', 'refused']),
    /** message: the SSE `id:` it came with (absent: none). */
    eventId: z.string().optional(),
    /** message: the JSON-RPC method. */
    method: z.string().optional(),
    /** message: it is the answer to a request (which the GET stream never carries of its own). */
    response: z.boolean().optional(),
    /** dropped and resumed: the last event id seen, sent as Last-Event-ID on the resume. */
    lastEventId: z.string().optional(),
    /** resumed and refused: the HTTP status of the GET. */
    status: z.number().optional(),
    detail: z.string().optional(),
  }),
  /** Server mode: the harness changed the server, through a probe's tool call or a command outside any request. */
  z.object({
    ...base,
    kind: z.literal('server-change'),
    via: z.enum(['tool', 'command']),
    /** When the change was asked for (t of the event is when it returned). */
    requestedT: z.number(),
    ok: z.boolean(),
    detail: z.string(),
    /** The probe whose tool call made it (via tool). */
    probe: z.string().optional(),
  }),
  /** Gateway mode, --catalog-url: the gateway's REST catalogue as a second view (keys through the token). */
  z.object({ ...base, kind: z.literal('catalog-view'), keys: z.array(z.string()), status: z.number().int() }),
]);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type TraceEvent = z.infer<typeof TraceEventSchema>;
/** The body of an event before the journal stamps `seq` and `t`. */
export type EventBody = DistributiveOmit<TraceEvent, 'seq' | 't'>;
export type EventKind = TraceEvent['kind'];
export type EventOf<K extends EventKind> = Extract<TraceEvent, { kind: K }>;
