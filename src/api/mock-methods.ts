import type { z } from 'zod';
import type { ITEM_SCHEMAS } from '../model/catalogue-schema.js';
import { ROUTED_ITEMS, STEP_ROUTES } from '../mock-admin/admin-routes.js';
import type { StepInput } from '../steps/op-registry.js';

/** What a step answers: the JSON body the admin API replies with (`{ revision, deliveries }` for a notified change …). */
export type StepReply = Record<string, unknown>;

/** `terminate-session` → `terminateSession`. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A step's fields as a scenario writes them, without its `op`. */
type FieldsOf<Op> = Omit<Extract<StepInput, { op: Op }>, 'op'>;

/** Optional where every field has a default. */
type Method<Fields> = object extends Fields ? (fields?: Fields) => Promise<StepReply> : (fields: Fields) => Promise<StepReply>;

type RoutedOp = (typeof STEP_ROUTES)[keyof typeof STEP_ROUTES];
type RoutedItem = (typeof ROUTED_ITEMS)[number];
/** `tools` → `Tool`. */
type Singular<Item extends string> = Item extends `${infer One}s` ? Capitalize<One> : never;
type ItemOf<Item extends RoutedItem> = z.input<(typeof ITEM_SCHEMAS)[Item]>;

/** `notify: true` announces the change at once with its list's list_changed (a change alone never notifies). */
export interface NotifyOption {
  notify?: boolean;
}

/** The admin API's named operations as methods: `notify`, `storm`, `hold`, `release`, `fault`, `terminateSession` …. */
export type OpMethods = { [Op in RoutedOp as Camel<Op>]: Method<FieldsOf<Op>> };

/** The admin API's item routes as methods: `addTool(tool, {notify})`, `removeTool(name)`, `updateTool(name, patch)` …. */
export type ItemMethods = {
  [Item in RoutedItem as `add${Singular<Item>}`]: (value: ItemOf<Item>, options?: NotifyOption) => Promise<StepReply>;
} & {
  [Item in RoutedItem as `remove${Singular<Item>}`]: (key: string, options?: NotifyOption) => Promise<StepReply>;
} & {
  [Item in RoutedItem as `update${Singular<Item>}`]: (key: string, patch: Partial<ItemOf<Item>>, options?: NotifyOption) => Promise<StepReply>;
};

const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const singular = (item: string) => `${item.charAt(0).toUpperCase()}${item.slice(1, -1)}`;

/**
 * The methods made from the admin API's routes, each running the step its route runs through `step`: a row added to
 * STEP_ROUTES or ROUTED_ITEMS is a method here with no second edit.
 */
export function routeMethods(step: (raw: unknown) => Promise<StepReply>): OpMethods & ItemMethods {
  const methods: Record<string, unknown> = {};
  for (const op of Object.values(STEP_ROUTES)) methods[camel(op)] = (fields: object = {}) => step({ ...fields, op });
  for (const item of ROUTED_ITEMS) {
    const one = singular(item);
    methods[`add${one}`] = (value: object, { notify }: NotifyOption = {}) => step({ op: 'add', item, value, notify });
    methods[`remove${one}`] = (key: string, { notify }: NotifyOption = {}) => step({ op: 'remove', item, key, notify });
    methods[`update${one}`] = (key: string, patch: object, { notify }: NotifyOption = {}) => step({ op: 'update', item, key, patch, notify });
  }
  return methods as OpMethods & ItemMethods;
}
