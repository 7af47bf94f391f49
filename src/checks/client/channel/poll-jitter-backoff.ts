import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { LIST_METHOD, ListKindSchema } from '../../../model/words.js';
import { changeSignals, coveredAfter, ofKind, relists } from '../../../trace/queries.js';
import { approxMs } from '../../support/reaction.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

/** Gaps between polls it takes to tell a fixed cadence from a jittered one. */
export const MIN_POLL_GAPS = 3;

/**
 * The least spread of poll gaps that shows jitter: timer lateness on a loaded 2-core runner reaches ~100 ms (see
 * POLL_JITTER_MS), so a smaller spread may be the machine's, not the client's. One-sided: load only widens a spread.
 */
export const JITTER_MIN_SPREAD_MS = 100;

/** Backing off: after a failed poll the client waits this many times its usual gap, at least (exponential backoff doubles). */
export const BACKOFF_MIN_RATIO = 1.5;

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export const pollJitterBackoff = defineCheck({
  id: 'poll-jitter-backoff',
  title: 'A poller jitters its polls and backs off on errors',
  description:
    'Nothing is announced for a while, then the server answers the list with errors for a while, then normally again. ' +
    'A client that polls (re-lists on its own schedule) must spread its polls with jitter, so that clients do not poll in ' +
    'step, and must wait longer after a failed poll. A client that does not poll is not judged.',
  severity: 'MUST',
  specRefs: ['2026-07-28/server/utilities/caching#freshness-calculation'],
  timing: false,
  options: z.object({ list: ListKindSchema.default('tools') }),
  evaluate(trace, options) {
    if (!eraOf(trace.meta.era).pollingRule) return notTestable('the rule on polling is in the 2026-07-28 revision; this cell played the legacy era');
    const method = LIST_METHOD[options.list];
    // Judged while nothing is announced: a re-list after a list_changed may be a reaction, not a poll.
    const cutoff = changeSignals(trace)[0]?.t ?? trace.events.at(-1)?.t ?? 0;
    const requests = relists(trace, options.list).filter((request) => request.event.t < cutoff);
    // Each session's first list is its initial one; every later one, with nothing announced, the client's own doing.
    const polls = requests.filter((request, index) => requests.findIndex((each) => each.session === request.session) < index);
    const start = requests[0]?.event.t ?? 0;
    if (!polls.length) {
      return notTestable(`the client did not poll: it listed ${method} no more in the ${ms(cutoff - start)} ms with nothing announced ` +
        '(the rule binds only clients that poll; one that does, less often than that, could not be seen)', { measurements: { polls: 0 } });
    }
    const errors = new Set(ofKind(trace, 'frame-sent').filter((sent) => (sent.message as { error?: unknown }).error !== undefined)
      .map((sent) => `${sent.session}\u0000${String((sent.message as { id?: unknown }).id)}`));
    const failed = (index: number) => {
      const request = requests[index];
      return request !== undefined && errors.has(`${request.session}\u0000${String(request.id)}`);
    };
    // A gap belongs to the outcome of the poll that opened it: the client chose its next delay after that answer.
    const gaps = requests.slice(1).map((request, index) => ({
      ms: request.event.t - (requests[index]?.event.t ?? 0),
      afterFailure: failed(index),
    }));
    const healthy = gaps.filter((gap) => !gap.afterFailure).map((gap) => gap.ms);
    const evidence = polls.slice(0, 6).map((request) => request.event.seq);
    if (healthy.length < MIN_POLL_GAPS) {
      return notTestable(
        `the client polled ${polls.length} time(s) with nothing announced; ${MIN_POLL_GAPS} gaps after answered polls are needed to see jitter`,
        { evidence },
      );
    }
    const failures = requests.map((_, index) => index).filter(failed);
    const spreadMs = Math.max(...healthy) - Math.min(...healthy);
    const usualMs = mean(healthy);
    const measurements = {
      polls: polls.length,
      periodMs: ms(usualMs),
      spreadMs: ms(spreadMs),
      failedPolls: failures.length,
      backoffRatio: null as number | null,
    };
    if (spreadMs < JITTER_MIN_SPREAD_MS) {
      return fail(
        `it polled ${method} every ~${approxMs(usualMs)} ms at a fixed cadence: ${healthy.length} gaps within ${ms(spreadMs)} ms of each ` +
        `other (less than the ${JITTER_MIN_SPREAD_MS} ms timer lateness alone can make), so it applies no jitter`,
        { evidence, measurements, decisive: true },
      );
    }
    // A failed poll the trace ends (or a change is announced) after shows a wait at least that long: it counts once that
    // is already a backoff; shorter, the client's next delay is unknown.
    const after = failures.flatMap((index) => {
      const gap = gaps[index];
      if (gap) return [gap.ms];
      const open = Math.min(coveredAfter(trace, requests[index]?.event.t ?? 0), cutoff - (requests[index]?.event.t ?? 0));
      return open >= BACKOFF_MIN_RATIO * usualMs ? [open] : [];
    });
    if (!after.length) {
      return notTestable(`its polls jitter (gaps spread over ${ms(spreadMs)} ms), but ${failures.length ? 'the trace ended before the poll after a failed one' : `none of them was answered with an error`}, so backoff could not be seen`, {
        evidence, measurements,
      });
    }
    const ratio = mean(after) / usualMs;
    measurements.backoffRatio = Math.round(ratio * 100) / 100;
    const backoff = `~${approxMs(mean(after))} ms after a failed poll against ~${approxMs(usualMs)} ms otherwise (×${measurements.backoffRatio})`;
    if (ratio < BACKOFF_MIN_RATIO) {
      return fail(`its polls jitter (gaps spread over ${ms(spreadMs)} ms), but when ${failures.length} of them failed it kept polling about as often: ` +
        `${backoff}, where backing off means at least ×${BACKOFF_MIN_RATIO}`, { evidence, measurements, decisive: true });
    }
    return pass(`it polls ${method} every ~${approxMs(usualMs)} ms with jitter (gaps spread over ${ms(spreadMs)} ms) and backs off on errors: ${backoff}`, {
      evidence, measurements,
    });
  },
});
