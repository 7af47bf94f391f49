import { z } from 'zod';

/**
 * How a 2025-only mock refuses a 2026-07-28 client's `server/discover` (scenarios whose mock serves the other era).
 * Absent, it refuses as its transport does anyway: -32601 on stdio (an unknown method), an HTTP 400 with a -32000
 * body on Streamable HTTP (no session). `method-not-found` and `invalid-params` answer with that JSON-RPC error (on
 * HTTP, a 200 carrying it, as a sessionless 2025 server does); `bare-400` is an HTTP 400 whose body is no JSON-RPC.
 */
export const DiscoverRefusalSchema = z.enum(['method-not-found', 'invalid-params', 'bare-400']);
export type DiscoverRefusal = z.infer<typeof DiscoverRefusalSchema>;

/** The JSON-RPC error each refusal answers with (none: the body is not JSON-RPC at all). */
export const REFUSAL_ERROR: Readonly<Record<DiscoverRefusal, { code: number; message: string } | undefined>> = {
  'method-not-found': { code: -32601, message: 'Method not found' },
  'invalid-params': { code: -32602, message: 'Invalid params' },
  'bare-400': undefined,
};
