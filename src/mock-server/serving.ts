import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import { HarnessError } from '../errors.js';
import type { Capabilities } from '../model/catalogue-schema.js';
import { type ItemKind, itemKey } from '../model/words.js';
import { type EventBody } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import { VERSION } from '../version.js';
import type { Catalogue } from './catalogue.js';
import type { Holds } from './holds.js';

export const SERVER_INFO = { name: 'mcp-notify-check-mock', version: VERSION };

/** What every session of one mock shares, whatever its era. */
export interface SessionContext {
  catalogue: Catalogue;
  capabilities: Capabilities;
  holds: Holds;
  journal: Journal;
  /** Items per list page; 0 serves every list in one page. */
  pageSize: number;
}

/** A request the mock refuses, as a JSON-RPC error code and message (each era frames it its own way). */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The list requests and the catalogue kind each one pages through. */
export const LIST_REQUESTS: Readonly<Record<string, ItemKind>> = {
  'tools/list': 'tools',
  'resources/list': 'resources',
  'resources/templates/list': 'resourceTemplates',
  'prompts/list': 'prompts',
};

/** The catalogue kind a list request pages through; undefined for any other method (own keys only: "constructor" is none). */
export function listKindOf(method: string): ItemKind | undefined {
  return Object.hasOwn(LIST_REQUESTS, method) ? LIST_REQUESTS[method] : undefined;
}

/** The result field each kind's list is returned in. */
const RESULT_FIELD: Readonly<Record<ItemKind, string>> = {
  tools: 'tools',
  resources: 'resources',
  resourceTemplates: 'resourceTemplates',
  prompts: 'prompts',
};

function entry(kind: ItemKind, item: unknown): unknown {
  if (kind !== 'resources') return item;
  const resource = item as { uri: string; name: string; mimeType: string };
  return { uri: resource.uri, name: resource.name, mimeType: resource.mimeType };
}

/**
 * Serves one page of a list: the page is taken when the request arrives, then the answer is gated (held or
 * delayed), journaled as `list-served`, and returned as the result body. `marked`: the request carries the gateway
 * probe's marker (a user's list a gateway passed through).
 */
export async function servePage(
  ctx: SessionContext,
  session: string,
  method: string,
  cursor: string | undefined,
  requestId: RequestId,
  marked = false,
): Promise<Record<string, unknown>> {
  const kind = listKindOf(method);
  if (!kind) throw new RpcFailure(-32601, `Method not found: ${method}`);
  // A scenario staging a failing server (a poller's backoff): the request is answered with an internal error.
  if (ctx.holds.fails(method)) throw new RpcFailure(-32603, `Internal error: ${method} is failing (staged by the scenario)`);
  let page: ReturnType<Catalogue['page']>;
  try {
    page = ctx.catalogue.page(kind, cursor, ctx.pageSize);
  } catch (error) {
    if (error instanceof HarnessError) throw new RpcFailure(-32602, error.message);
    throw error;
  }
  await ctx.holds.gate(session, method, requestId, marked);
  const served: EventBody = {
    kind: 'list-served',
    session,
    method,
    requestId,
    revision: page.revision,
    keys: page.items.map((item) => itemKey(kind, item as never)),
  };
  if (cursor !== undefined) served.cursor = cursor;
  if (page.nextCursor !== undefined) served.nextCursor = page.nextCursor;
  ctx.journal.append(served);
  const result: Record<string, unknown> = { [RESULT_FIELD[kind]]: page.items.map((item) => entry(kind, item)) };
  if (page.nextCursor) result.nextCursor = page.nextCursor;
  return result;
}

/** Answers `tools/call`, `resources/read` and `prompts/get` from the catalogue (gated like lists). */
export async function serveItem(
  ctx: SessionContext,
  session: string,
  method: string,
  params: Record<string, unknown> | undefined,
  requestId: RequestId,
  notFoundCode: number,
): Promise<Record<string, unknown>> {
  const { catalogue } = ctx;
  if (method === 'tools/call') {
    const name = String(params?.name);
    const tool = catalogue.get('tools', name);
    if (!tool) throw new RpcFailure(-32602, `Unknown tool: ${name}`);
    await ctx.holds.gate(session, method, requestId);
    const text = JSON.stringify({ tool: tool.name, arguments: params?.arguments ?? {} });
    return { content: [{ type: 'text', text }] };
  }
  if (method === 'resources/read') {
    const uri = String(params?.uri);
    const resource = catalogue.get('resources', uri);
    if (!resource) throw new RpcFailure(notFoundCode, `Resource not found: ${uri}`);
    await ctx.holds.gate(session, method, requestId);
    return { contents: [{ uri: resource.uri, mimeType: resource.mimeType, text: resource.text }] };
  }
  if (method === 'prompts/get') {
    const name = String(params?.name);
    const prompt = catalogue.get('prompts', name);
    if (!prompt) throw new RpcFailure(-32602, `Unknown prompt: ${name}`);
    await ctx.holds.gate(session, method, requestId);
    return { messages: [{ role: 'user', content: { type: 'text', text: `prompt ${prompt.name}` } }] };
  }
  throw new RpcFailure(-32601, `Method not found: ${method}`);
}

/** The capabilities a server advertises for the catalogue's settings (both eras use the same shape). */
export function advertised(capabilities: Capabilities) {
  return {
    tools: capabilities.tools.listChanged ? { listChanged: true } : {},
    resources: {
      ...(capabilities.resources.listChanged ? { listChanged: true } : {}),
      ...(capabilities.resources.subscribe ? { subscribe: true } : {}),
    },
    prompts: capabilities.prompts.listChanged ? { listChanged: true } : {},
  };
}
