import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { ListKindSchema, LIST_METHOD } from '../../../model/words.js';
import { coveredAfter, ofKind, relists } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

/** A client that notices its listen stream ended re-opens it within moments; 5 s leaves room for a backoff. */
export const RELISTEN_DEADLINE_MS = 5_000;

export const reopensListen = defineCheck({
  id: 'reopens-listen',
  title: 'Re-opens a dropped listen stream and re-lists',
  description:
    'In the 2026-07-28 era change notifications travel only on a subscriptions/listen stream, and nothing is replayed: ' +
    'when the server\'s end of the stream goes away without a result, the client opens a new one and lists again, or ' +
    'every change from then on (and the one made while no stream was open) is lost to it.',
  severity: 'best-practice',
  specRefs: ['2026-07-28/basic/patterns/subscriptions#cancellation', '2026-07-28/basic/transports/streamable-http#earlier-streamable-http-revisions'],
  timing: true,
  options: z.object({
    list: ListKindSchema.default('tools'),
    deadlineMs: z.number().positive().default(RELISTEN_DEADLINE_MS),
  }),
  evaluate(trace, options) {
    if (eraOf(trace.meta.era).changes !== 'listen') return notTestable('listen streams exist only in the 2026-07-28 era; this cell played the legacy era');
    // An end without a result: a graceful end (the listen's result) is the server's deliberate choice, not a drop.
    const drop = ofKind(trace, 'listen-closed').find((event) => event.by === 'server' && !/with a result/.test(event.reason));
    if (!drop) {
      const opened = ofKind(trace, 'listen-opened').length;
      return notTestable(opened
        ? 'the scenario never ended a listen stream from the server side'
        : 'the target never opened a subscriptions/listen stream, so there was none to drop (it hears of no change at all)');
    }
    const reopened = ofKind(trace, 'listen-opened').find((event) => event.t > drop.t);
    const acknowledged = reopened && ofKind(trace, 'listen-acknowledged').find(
      (event) => event.t >= reopened.t && event.subscription === reopened.subscription && event.delivered,
    );
    // A re-list counts once the new stream is live: one before its acknowledgement can miss a change made in between.
    const relisted = relists(trace, options.list).find((request) => request.event.t >= (acknowledged?.t ?? Infinity));
    const measurements = {
      reopenMs: reopened ? ms(reopened.t - drop.t) : null,
      relistMs: relisted ? ms(relisted.event.t - drop.t) : null,
    };
    const evidence = [drop.seq, ...(reopened ? [reopened.seq] : []), ...(relisted ? [relisted.event.seq] : [])];
    const covered = ms(coveredAfter(trace, drop.t));
    if (!reopened) {
      return fail(
        `the listen stream ${drop.subscription} ended at t=${ms(drop.t)} (${drop.reason}); no new subscriptions/listen came in the ` +
        `${covered} ms after it, so no later change reaches the target`,
        { evidence, measurements, decisive: covered >= options.deadlineMs },
      );
    }
    const latency = reopened.t - drop.t;
    if (latency > options.deadlineMs) {
      return fail(`re-opened a listen stream ${ms(latency)} ms after the drop, ${ms(latency - options.deadlineMs)} ms past the ${options.deadlineMs} ms deadline`, {
        evidence,
        measurements,
      });
    }
    if (!relisted) {
      return fail(
        `re-opened a listen stream ${ms(latency)} ms after the drop but did not list ${LIST_METHOD[options.list]} again once it was ` +
        'acknowledged: a change made while no stream was open is not replayed in this era, so its view can stay stale',
        { evidence, measurements },
      );
    }
    return pass(`re-opened a listen stream ${ms(latency)} ms after the drop and, once it was acknowledged, re-listed ${ms(relisted.event.t - drop.t)} ms after the drop`, {
      evidence,
      measurements,
    });
  },
});
