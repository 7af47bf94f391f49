import type { z } from 'zod';
import { HarnessError } from '../errors.js';
import type { Journal } from '../trace/journal.js';
import { type ItemKind, itemKey } from '../model/words.js';
import {
  type CatalogueSeed,
  type CatalogueSeedInput,
  CatalogueSeedSchema,
  ITEM_SCHEMAS,
  type Prompt,
  type Resource,
  type ResourceTemplate,
  type Tool,
} from '../model/catalogue-schema.js';

export interface ItemTypes {
  tools: Tool;
  resources: Resource;
  resourceTemplates: ResourceTemplate;
  prompts: Prompt;
}

const itemSchemas = ITEM_SCHEMAS;

export interface Page<T> {
  items: T[];
  nextCursor?: string;
  revision: number;
}

/**
 * The mock's tools, resources, templates and prompts. Every mutation bumps a monotonic revision and is
 * journaled; mutating never notifies (notifying is the mock's separate operation).
 */
export class Catalogue {
  private rev = 0;
  /** Each list as an array, built on the first page read after a change. */
  private pages: Partial<Record<ItemKind, readonly unknown[]>> = {};
  private readonly lists: { [K in ItemKind]: Map<string, ItemTypes[K]> } = {
    tools: new Map(),
    resources: new Map(),
    resourceTemplates: new Map(),
    prompts: new Map(),
  };

  constructor(
    seed: CatalogueSeedInput,
    private readonly journal?: Journal,
  ) {
    const parsed: CatalogueSeed = CatalogueSeedSchema.parse(seed);
    for (const kind of Object.keys(this.lists) as ItemKind[]) {
      for (const item of parsed[kind]) this.lists[kind].set(itemKey(kind, item), item as never);
    }
  }

  get revision(): number {
    return this.rev;
  }

  /** All items of one kind, in insertion order. */
  list<K extends ItemKind>(kind: K): ItemTypes[K][] {
    return [...this.lists[kind].values()];
  }

  get<K extends ItemKind>(kind: K, key: string): ItemTypes[K] | undefined {
    return this.lists[kind].get(key);
  }

  /** Adds an item (defaults filled by its schema); throws if the key exists. */
  add<K extends ItemKind>(kind: K, input: z.input<(typeof itemSchemas)[K]>): number {
    const item = itemSchemas[kind].parse(input) as ItemTypes[K];
    const key = itemKey(kind, item);
    if (this.lists[kind].has(key)) throw new HarnessError('DUPLICATE_ITEM', `${kind} already has "${key}"`);
    this.lists[kind].set(key, item);
    return this.bump('add', kind, key);
  }

  /** Removes an item; throws if it is missing. */
  remove(kind: ItemKind, key: string): number {
    if (!this.lists[kind].delete(key)) throw new HarnessError('UNKNOWN_ITEM', `${kind} has no "${key}"`);
    return this.bump('remove', kind, key);
  }

  /** Replaces fields of an item, keeping its key and place in the list. */
  update<K extends ItemKind>(kind: K, key: string, patch: Partial<ItemTypes[K]>): number {
    const current = this.lists[kind].get(key);
    if (!current) throw new HarnessError('UNKNOWN_ITEM', `${kind} has no "${key}"`);
    const next = itemSchemas[kind].parse({ ...current, ...patch }) as ItemTypes[K];
    if (itemKey(kind, next) !== key)
      throw new HarnessError('BAD_UPDATE', `an update cannot change the key "${key}"`);
    this.lists[kind].set(key, next);
    return this.bump('update', kind, key);
  }

  /** One page of a list. Cursors are opaque to clients; an unknown one throws. */
  page<K extends ItemKind>(kind: K, cursor: string | undefined, pageSize: number): Page<ItemTypes[K]> {
    // One array per list and revision: paging through 10,000 items must not copy them for every page.
    const all = (this.pages[kind] ??= this.list(kind)) as ItemTypes[K][];
    const offset = cursor === undefined ? 0 : decodeCursor(cursor, all.length);
    const end = pageSize > 0 ? offset + pageSize : all.length;
    const page: Page<ItemTypes[K]> = { items: all.slice(offset, end), revision: this.rev };
    if (end < all.length) page.nextCursor = encodeCursor(end);
    return page;
  }

  private bump(op: 'add' | 'remove' | 'update', item: ItemKind, key: string): number {
    this.rev += 1;
    this.pages = {};
    this.journal?.append({ kind: 'catalogue-mutated', revision: this.rev, op, item, key });
    return this.rev;
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string, length: number): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  const offset = match ? Number(match[1]) : Number.NaN;
  // A cursor past the end (the list shrank between pages) yields an empty last page, as real servers do.
  if (!Number.isInteger(offset)) throw new HarnessError('BAD_CURSOR', `invalid cursor "${cursor}"`);
  return Math.min(offset, length);
}
