import { z } from 'zod';
import { ListKindSchema } from '../model/words.js';
import { defineOp } from './op.js';

/** Upper bounds that keep a storm (scripted or hand-typed) from wedging the mock. */
export const MAX_STORM_COUNT = 100_000;
export const MAX_INTERVAL_MS = 60_000;

const sessions = z.array(z.string()).optional();

/** Sends list_changed without changing anything, to every live session or the named ones. */
export const notifyOp = defineOp({
  op: 'notify',
  sync: true,
  schema: z.object({ op: z.literal('notify'), list: ListKindSchema.default('tools'), sessions }),
  run: ({ mock }, step) => {
    const deliveries = mock.notify(step.list, step.sessions ? { sessions: step.sessions } : {});
    return { detail: `${deliveries.filter((d) => d.delivered).length}/${deliveries.length} delivered`, reply: { deliveries } };
  },
});

/** `notifications/resources/updated` to the sessions subscribed to `uri`. */
export const resourceUpdatedOp = defineOp({
  op: 'resource-updated',
  sync: true,
  schema: z.object({ op: z.literal('resource-updated'), uri: z.string().min(1) }),
  run: ({ mock }, step) => {
    const deliveries = mock.notifyResourceUpdated(step.uri);
    return { detail: `${deliveries.length} subscribed`, reply: { deliveries } };
  },
});

/**
 * `count` notifications `intervalMs` apart on an absolute schedule. `mutate: true` adds an item before each, so every
 * notification announces a real change; like every op, a storm does not mutate unless told to.
 */
export const stormOp = defineOp({
  op: 'storm',
  schema: z.object({
    op: z.literal('storm'),
    list: ListKindSchema.default('tools'),
    count: z.number().int().min(1).max(MAX_STORM_COUNT),
    intervalMs: z.number().min(0).max(MAX_INTERVAL_MS).default(0),
    mutate: z.boolean().default(false),
    /** Name prefix of the items a mutating storm adds (gateway cells put their token here). */
    prefix: z.string().min(1).optional(),
  }),
  run: async ({ mock, journal, signal }, step) => {
    const from = journal.size;
    const { count, intervalMs, mutate, list, prefix } = step;
    await mock.storm({ count, intervalMs, mutate, list, signal, ...(prefix ? { prefix } : {}) });
    const sent = journal.ofKind('notification').filter((event) => event.seq >= from);
    const delivered = sent.filter((event) => event.delivered).length;
    return {
      detail: `${count} notifications`,
      reply: { notifications: sent.length, delivered, revision: mock.catalogue.revision },
    };
  },
  tag: (step, token) => ({ ...step, prefix: `${token}_storm` }),
  expectedMs: (step) => step.count * step.intervalMs,
  budget: 'scenario',
});
