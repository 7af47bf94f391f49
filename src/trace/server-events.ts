import { z } from 'zod';
import { ListKindSchema } from '../model/words.js';
import { base } from './probe-events.js';

const id = z.union([z.string(), z.number()]);

/**
 * Server mode: what the harness reads off the wire itself, below any client library (part of TraceEventSchema): each
 * SSE stream of the stream-reading session and every event on it, each list page's caching hints as sent, and the
 * harness stopping the server.
 */
export const SERVER_EVENTS = [
  /**
   * Streamable HTTP, session S: one SSE stream (the GET stream, or a POST's answer as an event stream), numbered per
   * session: opened (or refused), each SSE event on it, closed.
   */
  z.object({
    ...base,
    kind: z.literal('probe-sse'),
    probe: z.string(),
    /** The stream's number within its session, in the order the streams opened (1, 2, …). */
    stream: z.number().int().positive(),
    via: z.enum(['GET', 'POST']),
    /** POST: the JSON-RPC method(s) the request carried (`tools/call`). */
    request: z.string().optional(),
    state: z.enum(['opened', 'refused', 'event', 'closed']),
    /** opened and refused: the HTTP status. */
    status: z.number().int().optional(),
    /** opened: the Last-Event-ID the request sent (a resumed stream). */
    lastEventId: z.string().optional(),
    /** event: the SSE `id:` it came with (absent: none). */
    eventId: z.string().optional(),
    /** event: the JSON-RPC method, for a request or notification. */
    method: z.string().optional(),
    /** event: the JSON-RPC id, for a request or a response. */
    messageId: id.optional(),
    /** event: it answers a request. */
    response: z.boolean().optional(),
    /** event: a digest of the message (its JSON with keys sorted): the same message has the same digest on any stream. */
    digest: z.string().optional(),
  }),
  /**
   * 2026-07-28: one page of a list as the server sent it, read before the client library validated it: its caching
   * hints as they were on the wire (any JSON value, or absent).
   */
  z.object({
    ...base,
    kind: z.literal('probe-page'),
    probe: z.string().optional(),
    list: ListKindSchema,
    /** The cursor the page was asked for (absent: the first page). */
    cursor: z.string().optional(),
    nextCursor: z.string().optional(),
    resultType: z.unknown().optional(),
    ttlMs: z.unknown().optional(),
    cacheScope: z.unknown().optional(),
    /** The page was answered with a JSON-RPC error. */
    error: z.string().optional(),
  }),
  /** Server mode: the harness stopped the server it started (SIGTERM, the usual request to shut down), or could not. */
  z.object({
    ...base,
    kind: z.literal('server-stop'),
    /** When the stop was asked for (t of the event is when the process had exited, or the wait for it ended). */
    requestedT: z.number(),
    ok: z.boolean(),
    detail: z.string(),
    /** How long the server took to exit after SIGTERM. */
    exitMs: z.number().optional(),
  }),
] as const;
