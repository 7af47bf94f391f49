import { z } from 'zod';
import { ListKindSchema } from '../model/words.js';

/** What every event has: its place in the journal and its time (ms since the trace origin). */
export const base = { seq: z.number().int().nonnegative(), t: z.number() };

/**
 * The events of the harness's own client sessions: the gateway probe, and server mode's sessions and changes (part of
 * TraceEventSchema).
 */
export const PROBE_EVENTS = [
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
  // A probe's failed request; a failed list names its list (so a view that could not be read is not taken as current).
  z.object({ ...base, kind: z.literal('probe-error'), message: z.string(), probe: z.string().optional(), list: ListKindSchema.optional() }),
  // A 2026-07-28 probe's listen stream downstream: acknowledged (with the types honoured), ended by the gateway, re-opened;
  // server mode also reads the server's teardown off the wire: a notifications/cancelled it sent (`cancelled`, naming the
  // request it references), and a result answering a listen request (`completed`, the graceful close).
  z.object({
    ...base,
    kind: z.literal('probe-listen'),
    state: z.enum(['acknowledged', 'ended', 'reopened', 'cancelled', 'completed']),
    detail: z.string(),
    probe: z.string().optional(),
    /** acknowledged: the `subscriptionId` the acknowledgement carries (absent: none). */
    subscription: z.union([z.string(), z.number()]).optional(),
    /** acknowledged: the lists the listen request asked for. */
    requested: z.array(ListKindSchema).optional(),
    /** acknowledged: the lists the acknowledgement says are honoured. */
    honored: z.array(ListKindSchema).optional(),
    /** cancelled: the request id the notification references; completed: the listen request the result answers. */
    requestId: z.union([z.string(), z.number()]).optional(),
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
] as const;
