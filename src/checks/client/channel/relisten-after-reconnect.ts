import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { coveredAfter, ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

/** A client that restarted its server re-sends its listen within moments; 5 s leaves room for a slow start-up. */
export const RELISTEN_AFTER_RECONNECT_MS = 5_000;

export const relistenAfterReconnect = defineCheck({
  id: 'relisten-after-reconnect',
  title: 'Re-sends subscriptions/listen after a reconnect',
  description:
    'Over stdio the server process exits while the client listens. A client that restarts it (the stdio binding says it ' +
    'should) reaches a server that holds no subscription state: it must send subscriptions/listen again, asking for what ' +
    'it listened to before, or it hears of no change from then on. A client that does not reconnect is not judged here.',
  severity: 'MUST',
  specRefs: ['2026-07-28/basic/patterns/subscriptions#graceful-closure', '2026-07-28/basic/transports/stdio#unexpected-termination'],
  timing: true,
  options: z.object({ deadlineMs: z.number().positive().default(RELISTEN_AFTER_RECONNECT_MS) }),
  evaluate(trace, options) {
    if (eraOf(trace.meta.era).changes !== 'listen') return notTestable('listen streams exist only in the 2026-07-28 era; this cell played the legacy era');
    const exits = ofKind(trace, 'fault').filter((event) => event.fault === 'exit-process');
    const exit = exits[0];
    if (!exit) return notTestable('the scenario never ended the server\'s connection');
    // Every server process the step ended (a client may keep more than one): what listened there must listen again.
    const ended = new Set(exits.map((event) => event.session));
    const before = ofKind(trace, 'listen-opened').filter((event) => ended.has(event.session) && event.t <= exit.t);
    if (!before.length) {
      return notTestable('the client had opened no subscriptions/listen when its server exited, so it had none to re-send', { evidence: [exit.seq] });
    }
    const asked = [...new Set(before.flatMap((event) => event.requested))];
    const back = ofKind(trace, 'session-initialized').find((event) => event.t > exit.t && !ended.has(event.session));
    if (!back) {
      return notTestable(
        `the client did not re-establish the connection in the ${ms(coveredAfter(trace, exit.t))} ms after its server exited (the stdio ` +
        'binding says it should restart it), so there was nothing to re-send a listen on',
        { evidence: [exit.seq] },
      );
    }
    const relisten = ofKind(trace, 'listen-opened').filter((event) => event.t > exit.t && !ended.has(event.session));
    const first = relisten[0];
    const measurements = { reconnectMs: ms(back.t - exit.t), relistenMs: first ? ms(first.t - back.t) : null };
    const evidence = [exit.seq, back.seq, ...(first ? [first.seq] : [])];
    if (!first) {
      const covered = coveredAfter(trace, back.t);
      return fail(
        `the server exited while the client listened for [${asked.join(', ')}]; the client re-connected ${ms(back.t - exit.t)} ms later ` +
        `(${back.session}) but sent no subscriptions/listen in the ${ms(covered)} ms after, so no change reaches it`,
        { evidence, measurements, decisive: covered >= options.deadlineMs },
      );
    }
    const latency = first.t - back.t;
    const missing = asked.filter((entry) => !relisten.some((event) => event.requested.includes(entry)));
    if (missing.length) {
      return fail(`re-sent subscriptions/listen ${ms(latency)} ms after re-connecting, but no longer for [${missing.join(', ')}], which it listened to before`, {
        evidence,
        measurements,
        decisive: true,
      });
    }
    if (latency > options.deadlineMs) {
      return fail(`re-sent subscriptions/listen ${ms(latency)} ms after re-connecting, ${ms(latency - options.deadlineMs)} ms past the ${options.deadlineMs} ms deadline`, {
        evidence,
        measurements,
      });
    }
    return pass(`re-connected ${ms(back.t - exit.t)} ms after its server exited and re-sent subscriptions/listen for [${asked.join(', ')}] ${ms(latency)} ms later`, {
      evidence,
      measurements,
    });
  },
});
