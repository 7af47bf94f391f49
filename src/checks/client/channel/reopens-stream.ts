import { z } from 'zod';
import { coveredAfter, ofKind } from '../../../trace/queries.js';
import { revisionOf } from '../../support/grading.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

/** The SDK's default first reconnect is 1 s (or the server's retry hint); 5 s leaves room for backoff. */
export const REOPEN_DEADLINE_MS = 5_000;

export const reopensStream = defineCheck({
  id: 'reopens-stream',
  title: 'Re-opens the standalone stream and resumes',
  description:
    'When the server closes the standalone GET stream, the client opens it again; when the stream carried event ids ' +
    'it resumes with Last-Event-ID, so notifications sent meanwhile are replayed rather than lost.',
  severity: 'SHOULD',
  // Graded per revision and case by its clauses (checks/clauses/client.ts): a MAY, or the resume and polling SHOULDs.
  specRefs: ['2025-11-25/basic/transports#resumability-and-redelivery', '2025-11-25/basic/transports#listening-for-messages-from-the-server'],
  timing: true,
  options: z.object({
    deadlineMs: z.number().positive().default(REOPEN_DEADLINE_MS),
    requireResume: z.boolean().default(true),
  }),
  evaluate(trace, options) {
    const drop = ofKind(trace, 'fault').find((event) => event.fault === 'drop-stream');
    if (!drop?.session) return notTestable('the scenario never dropped a standalone stream');
    const session = drop.session;
    const dropped = ofKind(trace, 'stream-closed')
      .filter((event) => event.session === session && event.reason === 'dropped by server' && event.seq < drop.seq)
      .at(-1);
    const hadIds =
      ofKind(trace, 'stream-opened').some((event) => event.session === session && event.primed !== undefined && event.t <= drop.t) ||
      ofKind(trace, 'frame-sent').some((event) => event.session === session && event.eventId !== undefined && event.t <= drop.t);
    const reopened = ofKind(trace, 'stream-opened').find(
      (event) => event.session === session && event.role === 'standalone' && event.t > drop.t,
    );
    const replayed = ofKind(trace, 'frame-sent').filter((event) => event.session === session && event.replay).length;
    const measurements = {
      reopenMs: reopened ? ms(reopened.t - drop.t) : null,
      resumed: reopened?.lastEventId !== undefined,
      replayed,
    };
    const evidence = [drop.seq, ...(dropped ? [dropped.seq] : []), ...(reopened ? [reopened.seq] : [])];
    // Opening the GET stream is a MAY; 2025-11-25 makes re-connecting a SHOULD ("poll") once an event carried an id.
    const keyword = hadIds && revisionOf(trace) === '2025-11-25' ? 'SHOULD' : 'MAY';
    if (!reopened) {
      const covered = coveredAfter(trace, drop.t);
      return fail(`expected a new GET stream on session ${session} after the drop at t=${ms(drop.t)}; none came in the ${ms(covered)} ms after it`, {
        evidence,
        measurements,
        decisive: covered >= options.deadlineMs,
        keyword,
      });
    }
    const latency = reopened.t - drop.t;
    if (latency > options.deadlineMs) {
      return fail(`re-opened the stream after ${ms(latency)} ms, ${ms(latency - options.deadlineMs)} ms past the ${options.deadlineMs} ms deadline`, {
        evidence,
        measurements,
        keyword,
      });
    }
    if (options.requireResume && hadIds && reopened.lastEventId === undefined) {
      return fail('re-opened the stream without Last-Event-ID although the dropped stream carried event ids, so missed notifications are lost', {
        evidence,
        measurements,
        decisive: true,
        keyword: 'SHOULD',
      });
    }
    const how = reopened.lastEventId === undefined ? '' : ` resuming after event ${reopened.lastEventId} (${replayed} replayed)`;
    return pass(`re-opened the stream ${ms(latency)} ms after the drop${how}`, { evidence, measurements });
  },
});
