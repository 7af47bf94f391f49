import { z } from 'zod';
import { deliveredNotifications } from '../../../trace/queries.js';
import { classifyReaction, describeReaction, reactionMeasurements } from '../../support/reaction.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';
import { ListKindSchema } from '../../../model/words.js';

/** Leading edge + trailing edge + one re-list for a change that landed mid-refresh. */
export const MAX_RELISTS_PER_BURST = 3;

export const coalescesBurst = defineCheck({
  id: 'coalesces-burst',
  title: 'Coalesces a burst of notifications',
  description:
    'A burst of list_changed notifications leads to a bounded number of re-lists, not one per notification. Only re-lists ' +
    'caused by the burst count: a target that only polls does not react to it, and coalescing cannot be judged.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({
    list: ListKindSchema.default('tools'),
    maxRelists: z.number().int().min(1).default(MAX_RELISTS_PER_BURST),
  }),
  evaluate(trace, options) {
    const notes = deliveredNotifications(trace, options.list);
    const first = notes[0];
    const last = notes.at(-1);
    if (!first || !last || notes.length < 2) {
      return notTestable(`a burst needs at least 2 delivered notifications; ${notes.length} reached the target`);
    }
    const reaction = classifyReaction(trace, { list: options.list });
    const during = reaction.reactions.filter((request) => request.event.t >= first.t);
    const measurements = {
      notifications: notes.length,
      relists: during.length,
      burstMs: ms(last.t - first.t),
      ...reactionMeasurements(reaction),
    };
    const evidence = [first.seq, last.seq, ...during.map((request) => request.event.seq)];
    if (during.length === 0) {
      return notTestable(`no re-list is attributable to the burst of ${notes.length} notifications, so there is nothing to coalesce: ` +
        describeReaction(reaction), { evidence, measurements });
    }
    if (during.length > options.maxRelists) {
      return fail(
        `expected at most ${options.maxRelists} re-lists for a burst of ${notes.length} notifications over ${measurements.burstMs} ms; ` +
        `observed ${during.length} (${during.length - options.maxRelists} too many)`,
        { evidence, measurements },
      );
    }
    const also = reaction.kind === 'both' ? `; ${describeReaction(reaction)}` : '';
    return pass(`${notes.length} notifications led to ${during.length} re-list(s)${also}`, { evidence, measurements });
  },
});
