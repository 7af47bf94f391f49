// The 2026-07-28 ("modern") wire contract the mock serves: no initialize, no sessions; every request carries its
// protocol version and client capabilities in `_meta`; change notifications travel only on `subscriptions/listen`.
// Spec: docs/specification/2026-07-28 (basic/index, basic/versioning, basic/transports/*, basic/patterns/subscriptions,
// server/discover, server/utilities/caching).
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { ListKind } from '../../model/words.js';

export const MODERN_VERSION = '2026-07-28';
/** Every modern revision this mock speaks. */
export const MODERN_VERSIONS: readonly string[] = [MODERN_VERSION];

export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  subscriptionId: 'io.modelcontextprotocol/subscriptionId',
} as const;

/** Error codes this revision defines (basic/index §Error codes). */
export const MODERN_ERRORS = {
  headerMismatch: -32020,
  unsupportedVersion: -32022,
  methodNotFound: -32601,
  invalidParams: -32602,
} as const;

export const DISCOVER_METHOD = 'server/discover';
export const LISTEN_METHOD = 'subscriptions/listen';
export const ACK_METHOD = 'notifications/subscriptions/acknowledged';
export const CANCELLED_METHOD = 'notifications/cancelled';

/** The listen filter flag that asks for each list's list_changed. */
export const LISTEN_FLAG: Readonly<Record<ListKind, 'toolsListChanged' | 'promptsListChanged' | 'resourcesListChanged'>> = {
  tools: 'toolsListChanged',
  prompts: 'promptsListChanged',
  resources: 'resourcesListChanged',
};

/** What a client asked a listen stream for, or what the server agreed to honour (the acknowledgement). */
export interface ListenFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

/** Requests whose HTTP form must carry `Mcp-Name` (streamable-http §Request metadata headers), and the param it names. */
export const NAMED_PARAM: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

/** A JSON-RPC error the modern mock answers with, and the HTTP status that goes with it. */
export interface ModernError {
  code: number;
  message: string;
  data?: unknown;
  /** Streamable HTTP status: 400 for header, _meta and version errors, 404 for an unknown method. */
  status: number;
}

type Meta = Record<string, unknown>;

function metaOf(message: JSONRPCMessage): Meta | undefined {
  const params = (message as { params?: unknown }).params;
  if (typeof params !== 'object' || params === null) return undefined;
  const meta = (params as { _meta?: unknown })._meta;
  return typeof meta === 'object' && meta !== null ? (meta as Meta) : undefined;
}

/** The protocol version a request names in its `_meta`, if any. */
export function requestedVersion(message: JSONRPCMessage): string | undefined {
  const version = metaOf(message)?.[META.protocolVersion];
  return typeof version === 'string' ? version : undefined;
}

/** The client's name from `_meta` clientInfo, if it sent one. */
export function clientNameOf(message: JSONRPCMessage): string | undefined {
  const info = metaOf(message)?.[META.clientInfo];
  const name = typeof info === 'object' && info !== null ? (info as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * True when a message speaks the modern era: `server/discover`, `subscriptions/listen`, or any message whose `_meta`
 * names a protocol version (a legacy client never puts one there). A dual-era server routes on this.
 */
export function isModernMessage(message: JSONRPCMessage): boolean {
  if (!('method' in message)) return false;
  if (message.method === DISCOVER_METHOD || message.method === LISTEN_METHOD) return true;
  return requestedVersion(message) !== undefined;
}

/**
 * What is wrong with a modern request's `_meta`, or undefined when it may be served: a missing protocol version or
 * client capabilities is -32602 (basic/index §Request _meta), a version this mock does not speak is -32022 with the
 * supported list (basic/versioning §Unsupported version). `supported` lists every version the endpoint serves.
 */
export function metaError(message: JSONRPCMessage, supported: readonly string[]): ModernError | undefined {
  const meta = metaOf(message);
  const version = meta?.[META.protocolVersion];
  if (typeof version !== 'string') {
    return { code: MODERN_ERRORS.invalidParams, message: `Missing required _meta field ${META.protocolVersion}`, status: 400 };
  }
  const capabilities = meta?.[META.clientCapabilities];
  if (typeof capabilities !== 'object' || capabilities === null) {
    return { code: MODERN_ERRORS.invalidParams, message: `Missing required _meta field ${META.clientCapabilities}`, status: 400 };
  }
  if (!MODERN_VERSIONS.includes(version)) return unsupportedVersion(version, supported);
  return undefined;
}

export function unsupportedVersion(requested: string, supported: readonly string[]): ModernError {
  return {
    code: MODERN_ERRORS.unsupportedVersion,
    message: 'Unsupported protocol version',
    data: { supported: [...supported], requested },
    status: 400,
  };
}

/** A JSON-RPC error response to `id`. */
export function errorResponse(id: RequestId | null, error: ModernError): JSONRPCMessage {
  const body: { code: number; message: string; data?: unknown } = { code: error.code, message: error.message };
  if (error.data !== undefined) body.data = error.data;
  return { jsonrpc: '2.0', id, error: body } as unknown as JSONRPCMessage;
}

/** The filter a listen request asked for; undefined when `params.notifications` is not an object (-32602). */
export function requestedFilter(message: JSONRPCMessage): ListenFilter | undefined {
  const params = (message as { params?: { notifications?: unknown } }).params;
  const asked = params?.notifications;
  if (typeof asked !== 'object' || asked === null || Array.isArray(asked)) return undefined;
  const raw = asked as Record<string, unknown>;
  const filter: ListenFilter = {};
  for (const flag of Object.values(LISTEN_FLAG)) if (raw[flag] === true) filter[flag] = true;
  if (Array.isArray(raw.resourceSubscriptions)) {
    filter.resourceSubscriptions = raw.resourceSubscriptions.filter((uri): uri is string => typeof uri === 'string');
  }
  return filter;
}

/** What a filter asks for, for the journal: the lists whose list_changed it wants, then `uri:<uri>` per resource. */
export function filterEntries(filter: ListenFilter): string[] {
  const lists: string[] = (Object.entries(LISTEN_FLAG) as [ListKind, string][])
    .filter(([, flag]) => filter[flag as keyof ListenFilter] === true)
    .map(([list]) => list);
  return [...lists, ...(filter.resourceSubscriptions ?? []).map((uri) => `uri:${uri}`)];
}
