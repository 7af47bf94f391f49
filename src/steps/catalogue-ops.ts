import { z } from 'zod';
import { ITEM_SCHEMAS } from '../model/catalogue-schema.js';
import { type ItemKind, ItemKindSchema, ITEM_KEY_FIELD, listOfItem, tagKey } from '../model/words.js';
import type { MockServer } from '../mock-server/mock-server.js';
import { defineOp, type Outcome } from './op.js';

/** `notify: true` announces the change at once with the list's list_changed (mutating never notifies by itself). */
const notify = z.boolean().default(false);

/** After a mutation: the revision it made and, when asked, the deliveries of its announcement. */
function mutated(mock: MockServer, item: ItemKind, revision: number, announce: boolean): Outcome {
  if (!announce) return { detail: `revision ${revision}`, reply: { revision } };
  const deliveries = mock.notify(listOfItem(item));
  const delivered = deliveries.filter((d) => d.delivered).length;
  return { detail: `revision ${revision}, ${delivered}/${deliveries.length} delivered`, reply: { revision, deliveries } };
}

/** Adds an item, validated by its kind's schema. */
export const addOp = defineOp({
  op: 'add',
  sync: true,
  schema: z
    .object({ op: z.literal('add'), item: ItemKindSchema, value: z.record(z.string(), z.unknown()), notify })
    .superRefine((step, ctx) => {
      const parsed = ITEM_SCHEMAS[step.item].safeParse(step.value);
      for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ ...issue, path: ['value', ...issue.path] });
    }),
  run: ({ mock }, step) => mutated(mock, step.item, mock.add(step.item, step.value as never), step.notify),
  tag: (step, token) => {
    const field = ITEM_KEY_FIELD[step.item];
    const key = step.value[field];
    // Resource templates keep their URI template: the token goes into concrete URIs only.
    if (typeof key !== 'string' || step.item === 'resourceTemplates') return step;
    return { ...step, value: { ...step.value, [field]: tagKey(step.item, key, token) } };
  },
});

/** Removes an item by its key. */
export const removeOp = defineOp({
  op: 'remove',
  sync: true,
  schema: z.object({ op: z.literal('remove'), item: ItemKindSchema, key: z.string().min(1), notify }),
  run: ({ mock }, step) => mutated(mock, step.item, mock.remove(step.item, step.key), step.notify),
  tag: (step, token) => ({ ...step, key: tagKey(step.item, step.key, token) }),
});

/** Changes fields of an item (never its key). */
export const updateOp = defineOp({
  op: 'update',
  sync: true,
  schema: z.object({
    op: z.literal('update'),
    item: ItemKindSchema,
    key: z.string().min(1),
    patch: z.record(z.string(), z.unknown()),
    notify,
  }),
  run: ({ mock }, step) => mutated(mock, step.item, mock.update(step.item, step.key, step.patch), step.notify),
  tag: (step, token) => ({ ...step, key: tagKey(step.item, step.key, token) }),
});
