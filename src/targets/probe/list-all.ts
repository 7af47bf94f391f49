import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Prompt, Resource, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ListKind } from '../../model/words.js';

export interface ListItems {
  tools: Tool;
  resources: Resource;
  prompts: Prompt;
}

/** One page of a list with an SDK client (`params`: the cursor and `_meta`, as the request takes them). */
export async function listPage<K extends ListKind>(
  client: Client,
  kind: K,
  params: { cursor?: string; _meta?: Record<string, unknown> },
): Promise<{ items: ListItems[K][]; nextCursor?: string }> {
  const page =
    kind === 'tools' ? await client.listTools(params) : kind === 'resources' ? await client.listResources(params) : await client.listPrompts(params);
  const items = (page as unknown as Record<ListKind, ListItems[K][]>)[kind];
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
}

/**
 * Reads one whole list with an SDK client, following nextCursor to the last page (or only page 1 when told); `meta`
 * goes on every page request as `_meta`.
 */
export async function listAll<K extends ListKind>(
  client: Client,
  kind: K,
  followPages = true,
  meta?: Record<string, unknown>,
): Promise<ListItems[K][]> {
  const items: ListItems[K][] = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(client, kind, { ...(cursor === undefined ? {} : { cursor }), ...(meta ? { _meta: meta } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && followPages);
  return items;
}

/** The name a list item is known by: resources by URI, tools and prompts by name. */
export function nameOf(item: Tool | Resource | Prompt): string {
  return 'uri' in item ? item.uri : item.name;
}
