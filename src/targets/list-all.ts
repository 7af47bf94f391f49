import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Prompt, Resource, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ListKind } from '../model/words.js';

export interface ListItems {
  tools: Tool;
  resources: Resource;
  prompts: Prompt;
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
    const params = { ...(cursor === undefined ? {} : { cursor }), ...(meta ? { _meta: meta } : {}) };
    const page =
      kind === 'tools' ? await client.listTools(params) : kind === 'resources' ? await client.listResources(params) : await client.listPrompts(params);
    items.push(...((page as unknown as Record<ListKind, ListItems[K][]>)[kind]));
    cursor = page.nextCursor;
  } while (cursor !== undefined && followPages);
  return items;
}

/** The name a list item is known by: resources by URI, tools and prompts by name. */
export function nameOf(item: Tool | Resource | Prompt): string {
  return 'uri' in item ? item.uri : item.name;
}
