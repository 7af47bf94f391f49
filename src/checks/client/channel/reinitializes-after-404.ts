import { z } from 'zod';
import { coveredAfter, ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

/** A client that saw 404 and has not re-initialized within 5 s is not going to. */
export const REINIT_DEADLINE_MS = 5_000;

export const reinitializesAfter404 = defineCheck({
  id: 'reinitializes-after-404',
  title: 'Starts a new session after 404',
  description:
    'When the server ends a session, later requests with its id get 404; the client then MUST start a new session ' +
    'with a fresh InitializeRequest.',
  severity: 'MUST',
  specRefs: ['2025-11-25/basic/transports#session-management'],
  timing: true,
  options: z.object({ deadlineMs: z.number().positive().default(REINIT_DEADLINE_MS) }),
  evaluate(trace, options) {
    const terminated = new Set(
      ofKind(trace, 'fault')
        .filter((event) => event.fault === 'terminate-session' && event.session)
        .map((event) => event.session ?? ''),
    );
    if (terminated.size === 0) return notTestable('the scenario never terminated a session');
    const notFound = ofKind(trace, 'http-rejected').find((event) => event.status === 404 && terminated.has(event.session ?? ''));
    if (!notFound) {
      return notTestable('the target sent nothing to the terminated session, so it never received a 404');
    }
    const reinit = ofKind(trace, 'frame-received').find(
      (event) => event.t >= notFound.t && (event.message as { method?: string }).method === 'initialize',
    );
    const measurements = { latencyMs: reinit ? ms(reinit.t - notFound.t) : null };
    if (!reinit) {
      const covered = coveredAfter(trace, notFound.t);
      return fail(`expected a new initialize after the 404 at t=${ms(notFound.t)}; none came in the ${ms(covered)} ms after it`, {
        evidence: [notFound.seq],
        measurements,
        decisive: covered >= options.deadlineMs,
      });
    }
    const latency = reinit.t - notFound.t;
    const evidence = [notFound.seq, reinit.seq];
    if (latency > options.deadlineMs) {
      return fail(`re-initialized ${ms(latency)} ms after the 404, ${ms(latency - options.deadlineMs)} ms past the ${options.deadlineMs} ms deadline`, {
        evidence,
        measurements,
      });
    }
    return pass(`started a new session ${ms(latency)} ms after the 404`, { evidence, measurements });
  },
});
