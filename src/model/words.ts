import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Transports the mock speaks; `sse` is legacy HTTP+SSE (2024-11-05), `http` is Streamable HTTP. Records in model/transports.ts. */
export { type TransportKind, TransportKindSchema, TRANSPORT_NAMES } from './transports.js';

/**
 * Protocol eras: `legacy` is 2024-11-05 … 2025-11-25 (initialize, sessions, the GET stream), `modern` is 2026-07-28
 * (`server/discover`, per-request `_meta`, `subscriptions/listen`). A cell plays one era; legacy HTTP+SSE is legacy only.
 * Each is a record in model/eras/, and another can be registered there.
 */
export { type Era, ERAS, EraSchema, type MockEra, MockEraSchema } from './eras/all-eras.js';

/**
 * What a scenario's mock serves, relative to the cell's era: `cell` (that era, the default), `other` (only the other
 * era: a client asked to speak one era meets a server of the other, as era-fallback stages) or `dual` (both).
 */
export const ServesSchema = z.enum(['cell', 'other', 'dual']);
export type Serves = z.infer<typeof ServesSchema>;

/** The lists whose changes MCP announces with `notifications/<list>/list_changed`. */
export const ListKindSchema = z.enum(['tools', 'resources', 'prompts']);
export type ListKind = z.infer<typeof ListKindSchema>;
export const LIST_KINDS: readonly ListKind[] = ListKindSchema.options;

/** What a catalogue holds: the three lists plus resource templates (announced as `resources`). */
export const ItemKindSchema = z.enum(['tools', 'resources', 'resourceTemplates', 'prompts']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

/** The list whose list_changed announces a change to an item of this kind (templates are announced as resources). */
export function listOfItem(kind: ItemKind): ListKind {
  return kind === 'resourceTemplates' ? 'resources' : kind;
}

/** The request that reads one page of a list. */
export const LIST_METHOD: Readonly<Record<ListKind, string>> = {
  tools: 'tools/list',
  resources: 'resources/list',
  prompts: 'prompts/list',
};

/** The list a list method reads (`tools/list` → tools), if it is one. */
export function listOfMethod(method: string): ListKind | undefined {
  return LIST_KINDS.find((list) => LIST_METHOD[list] === method);
}

/** The notification that announces a change to a list. */
export const CHANGED_METHOD: Readonly<Record<ListKind, string>> = {
  tools: 'notifications/tools/list_changed',
  resources: 'notifications/resources/list_changed',
  prompts: 'notifications/prompts/list_changed',
};

/** Sent to sessions that subscribed to a resource, when it changes. */
export const RESOURCE_UPDATED_METHOD = 'notifications/resources/updated';

const LIST_OF_CHANGED = new Map(Object.entries(CHANGED_METHOD).map(([list, method]) => [method, list as ListKind]));

/** The list a `list_changed` method announces, if it is one. */
export function listOfChanged(method: string | undefined): ListKind | undefined {
  return method === undefined ? undefined : LIST_OF_CHANGED.get(method);
}

/** The field that identifies an item within its list. */
export const ITEM_KEY_FIELD = { tools: 'name', resources: 'uri', resourceTemplates: 'uriTemplate', prompts: 'name' } as const;

/** The key that identifies an item within its list: tools and prompts by name, resources by URI, templates by URI template. */
export function itemKey(kind: ItemKind, item: object): string {
  const value = (item as Record<string, unknown>)[ITEM_KEY_FIELD[kind]];
  return typeof value === 'string' ? value : '';
}

/**
 * The `_meta` key the gateway probe puts on each of its list requests: a gateway that passes the request through
 * carries it upstream, which proves the upstream list was the probe's and not the gateway's own.
 */
export const PROBE_MARKER = 'io.github.mcp-notify-check/probe';

/** The probe marker on a JSON-RPC request, if it carries one. */
export function probeMarkerOf(message: unknown): string | undefined {
  const meta = (message as { params?: { _meta?: Record<string, unknown> } } | undefined)?.params?._meta;
  const marker = meta?.[PROBE_MARKER];
  return typeof marker === 'string' ? marker : undefined;
}

/**
 * The cell token: put into every upstream name in gateway cells so the probe recognises the items behind a gateway's
 * renaming. Lowercase letters and digits only, so a slug, a case change or a separator change leaves it intact.
 */
export function newToken(): string {
  return `nc${randomBytes(3).toString('hex')}`;
}

/** Encodes the token into an item key: `<token>_<name>`, or `mock://<token>/<path>` for resource URIs. */
export function tagKey(kind: ItemKind, key: string, token: string): string {
  return kind === 'resources' ? key.replace(/^mock:\/\//, `mock://${token}/`) : `${token}_${key}`;
}

/** Decodes a name as a gateway shows it back to the upstream key through the token; undefined when it has none. */
export function keyThroughToken(name: string, token: string): string | undefined {
  const at = name.toLowerCase().indexOf(token.toLowerCase());
  if (at === -1) return undefined;
  const start = name.lastIndexOf('mock://', at);
  return start !== -1 && start > at - 8 ? name.slice(start) : name.slice(at);
}
