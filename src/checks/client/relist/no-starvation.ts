import { z } from 'zod';
import { deliveredNotifications, fetches } from '../../../trace/queries.js';
import { classifyReaction, describeReaction, reactionMeasurements } from '../../support/reaction.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';
import { ListKindSchema } from '../../../model/words.js';

/**
 * During a change every ~100 ms, a view older than 1 s is ~10 changes behind. A trailing debounce with no
 * maximum wait never refreshes while the storm lasts; this bound catches that and allows any sane max-wait.
 */
export const MAX_VIEW_AGE_MS = 1_000;

export const noStarvation = defineCheck({
  id: 'no-starvation',
  title: 'Keeps refreshing during a sustained storm',
  description:
    'While notifications keep arriving, completed refreshes keep coming: the longest stretch of the storm without a ' +
    'completed refresh caused by a notification (the view age) stays under a bound. Polls do not count.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: true,
  options: z.object({
    list: ListKindSchema.default('tools'),
    maxViewAgeMs: z.number().positive().default(MAX_VIEW_AGE_MS),
  }),
  evaluate(trace, options) {
    const notes = deliveredNotifications(trace, options.list);
    const first = notes[0];
    const last = notes.at(-1);
    if (!first || !last || last.t - first.t < 2 * options.maxViewAgeMs) {
      return notTestable(`the storm must last at least ${2 * options.maxViewAgeMs} ms to judge a ${options.maxViewAgeMs} ms view age`);
    }
    const reaction = classifyReaction(trace, { list: options.list });
    const credited = new Set(reaction.reactions.map((request) => `${request.session}\u0000${request.event.t}`));
    // Refreshes a notification caused that began after the storm began and completed within it.
    const completions = fetches(trace, options.list)
      .filter((fetch) => credited.has(`${fetch.session}\u0000${fetch.startT}`))
      .filter((fetch) => fetch.complete && fetch.startT >= first.t && (fetch.endT ?? Infinity) <= last.t)
      .map((fetch) => fetch.endT ?? 0)
      .sort((a, b) => a - b);
    const points = [first.t, ...completions, last.t];
    let maxAge = 0;
    let worstStart = first.t;
    for (let i = 1; i < points.length; i++) {
      const gap = (points[i] ?? 0) - (points[i - 1] ?? 0);
      if (gap > maxAge) {
        maxAge = gap;
        worstStart = points[i - 1] ?? 0;
      }
    }
    const measurements = {
      stormMs: ms(last.t - first.t),
      notifications: notes.length,
      refreshesDuringStorm: completions.length,
      maxViewAgeMs: ms(maxAge),
      ...reactionMeasurements(reaction),
    };
    const evidence = [first.seq, last.seq];
    const also = reaction.polls.length ? `; ${describeReaction(reaction)}` : '';
    if (maxAge > options.maxViewAgeMs) {
      return fail(
        `expected a completed refresh at least every ${options.maxViewAgeMs} ms during the ${measurements.stormMs} ms storm; ` +
        `the view went ${ms(maxAge)} ms without one from t=${ms(worstStart)} (${ms(maxAge - options.maxViewAgeMs)} ms over), ` +
        `${completions.length} refreshes completed during the storm${also}`,
        // Not one refresh in a storm at least twice the bound: no slow moment explains that.
        { evidence, measurements, decisive: completions.length === 0 },
      );
    }
    return pass(`${completions.length} refreshes during the storm; longest gap ${ms(maxAge)} ms${also}`, { evidence, measurements });
  },
});
