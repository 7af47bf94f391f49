import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

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
