import { z } from 'zod';
import { coveredAfter, deliveredNotifications, ofKind, relists } from '../../../trace/queries.js';
import { classifyReaction, describeReaction, reactionMeasurements } from '../../support/reaction.js';
import { defineCheck, fail, info, ms, notTestable, pass } from '../../support/check.js';
import { ListKindSchema } from '../../../model/words.js';
import { LIST_METHOD } from '../../../model/words.js';

/** A refresh later than this after the last change is, to a user, no refresh. */
export const RELIST_DEADLINE_MS = 3_000;

export const relistAfterNotify = defineCheck({
  id: 'relist-after-notify',
  title: 'Re-lists after list_changed',
  description:
    'After the last list_changed that reached the target, the target asks for the list again (page 1) within a deadline, ' +
    'because of it: re-lists on the target\'s own schedule (polling) are not counted. The spec shows this flow but sets ' +
    'no keyword for clients, so this is graded as best practice.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification', '2025-11-25/server/tools#message-flow'],
  timing: true,
  options: z.object({
    list: ListKindSchema.default('tools'),
    deadlineMs: z.number().positive().default(RELIST_DEADLINE_MS),
    /** Report what happened without judging (e.g. when listChanged was not advertised). */
    observeOnly: z.boolean().default(false),
  }),
  evaluate(trace, options) {
    const method = LIST_METHOD[options.list];
    const notes = deliveredNotifications(trace, options.list);
    if (notes.length === 0) {
      const lost = ofKind(trace, 'notification').filter((event) => !event.delivered);
      const why = lost.length ? ` (${lost.length} sent but not delivered: ${lost[0]?.reason ?? '?'})` : '';
      return notTestable(`no ${options.list} list_changed reached the target${why}`, { evidence: lost.map((e) => e.seq) });
    }
    const first = notes[0];
    const last = notes[notes.length - 1];
    if (!first || !last) return notTestable('no notification');
    const reaction = classifyReaction(trace, { list: options.list, reactionWindowMs: options.deadlineMs });
    const afterFirst = reaction.reactions.find((request) => request.event.t >= first.t);
    const afterLast = reaction.reactions.find((request) => request.event.t >= last.t);
    const pollAfterLast = reaction.polls.find((request) => request.event.t >= last.t);
    const measurements = {
      notifications: notes.length,
      relists: relists(trace, options.list).filter((request) => request.event.t >= first.t).length,
      reactions: reaction.reactions.filter((request) => request.event.t >= first.t).length,
      firstLatencyMs: afterFirst ? ms(afterFirst.event.t - first.t) : null,
      latencyMs: afterLast ? ms(afterLast.event.t - last.t) : null,
      ...reactionMeasurements(reaction),
    };
    const how = describeReaction(reaction);
    if (options.observeOnly) {
      return info(
        afterLast
          ? `re-listed ${method} ${measurements.latencyMs} ms after the notification; ${how}`
          : `did not re-list ${method} because of the notification; ${how}`,
        { evidence: [last.seq, ...(afterLast ? [afterLast.event.seq] : [])], measurements },
      );
    }
    if (!afterLast) {
      const covered = ms(coveredAfter(trace, last.t));
      const expected = `expected ${method} within ${options.deadlineMs} ms of the last list_changed (t=${ms(last.t)})`;
      if (pollAfterLast) {
        return fail(
          `${expected}, because of it; none is attributable to it: the re-list ${ms(pollAfterLast.event.t - last.t)} ms later ` +
          `came on the target's own schedule — ${how}`,
          { evidence: [last.seq, ...reaction.polls.map((request) => request.event.seq)], measurements },
        );
      }
      return fail(`${expected}; none came in the ${covered} ms the trace covers after it`, {
        evidence: [last.seq],
        measurements,
        decisive: covered >= options.deadlineMs,
      });
    }
    const latency = afterLast.event.t - last.t;
    const evidence = [last.seq, afterLast.event.seq];
    if (latency > options.deadlineMs) {
      return fail(
        `expected ${method} within ${options.deadlineMs} ms of the last list_changed; it came after ${ms(latency)} ms ` +
        `(${ms(latency - options.deadlineMs)} ms late)`,
        { evidence, measurements },
      );
    }
    const also = reaction.kind === 'both' ? `; ${how}` : '';
    return pass(`re-listed ${method} ${ms(latency)} ms after the last of ${notes.length} list_changed${also}`, { evidence, measurements });
  },
});
