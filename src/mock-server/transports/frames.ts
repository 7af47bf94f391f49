import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { EventOf } from '../../trace/events.js';

export type ParsedFrames =
  | { ok: true; messages: JSONRPCMessage[]; batch: boolean }
  | { ok: false; code: number; error: string };

/** Parses one JSON-RPC message or batch, validated with the SDK's schema; says what is wrong when it is not. */
export function parseFrames(text: string): ParsedFrames {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: -32700, error: 'Parse error: not valid JSON' };
  }
  const batch = Array.isArray(value);
  const items = batch ? (value as unknown[]) : [value];
  if (items.length === 0) return { ok: false, code: -32600, error: 'Invalid Request: empty batch' };
  const messages: JSONRPCMessage[] = [];
  for (const item of items) {
    const parsed = JSONRPCMessageSchema.safeParse(item);
    if (!parsed.success)
      return { ok: false, code: -32600, error: 'Invalid Request: not a JSON-RPC 2.0 message' };
    messages.push(parsed.data);
  }
  return { ok: true, messages, batch };
}

/** A JSON-RPC error response frame for a message the server could not accept. */
export function errorFrame(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
}

/** The method and id of one message in a refused body. */
export type RpcRef = NonNullable<EventOf<'http-rejected'>['rpc']>[number];

/**
 * The method and id of each message in `text` (one entry for a single message), read without the schema so a
 * body refused for any reason can still be named in the journal; undefined when it is not JSON or names none.
 */
export function rpcRefs(text: string): RpcRef[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const refs = (Array.isArray(value) ? (value as unknown[]) : [value]).map(rpcRef);
  return refs.some((ref) => ref.method !== undefined || ref.id !== undefined) ? refs : undefined;
}

function rpcRef(item: unknown): RpcRef {
  const ref: RpcRef = {};
  if (typeof item !== 'object' || item === null) return ref;
  const { method, id } = item as { method?: unknown; id?: unknown };
  if (typeof method === 'string') ref.method = method;
  if (typeof id === 'string' || typeof id === 'number') ref.id = id;
  return ref;
}

/** How much of an invalid frame the journal keeps. */
export const RAW_EXCERPT_CHARS = 1_000;

/**
 * The start of a frame as a string of its own, for the journal. A V8 slice keeps its parent alive: 300 invalid 3 MB
 * bodies kept as slices held 1.75 GB while the journal showed 545 KB.
 */
export function rawExcerpt(text: string, max = RAW_EXCERPT_CHARS): string {
  return Buffer.from(text.slice(0, max), 'utf8').toString('utf8');
}
