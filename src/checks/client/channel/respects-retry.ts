import { z } from 'zod';
import { coveredAfter, ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

/**
 * How much sooner than the `retry` a reconnect may arrive and still count as waiting it: some runtimes fire a timer up
 * to a clock tick early (15.6 ms on Windows). One-sided: the wait measured here only overstates the client's, as it
 * adds the close's trip to the client and the GET's trip back, so a late machine never makes a client look early.
 */
export const RETRY_EARLY_TOLERANCE_MS = 20;

export const respectsRetry = defineCheck({
  id: 'respects-retry',
  title: 'Waits the SSE retry before reconnecting',
  description:
    'The server primes the standalone stream with an event id and an SSE `retry` field, then closes the connection ' +
    'without ending the stream (2025-11-25 polling). The client must wait at least that many milliseconds before it ' +
    'tries to reconnect; how late it reconnects, or whether it does at all, is reopens-stream\'s to judge.',
  severity: 'MUST',
  specRefs: ['2025-11-25/basic/transports#sending-messages-to-the-server', '2025-11-25/basic/transports#resumability-and-redelivery'],
  timing: true,
  options: z.object({}),
  evaluate(trace) {
    const drop = ofKind(trace, 'fault').find((event) => event.fault === 'drop-stream');
    if (!drop?.session) return notTestable('the scenario never closed a standalone stream');
    const session = drop.session;
    const closed = ofKind(trace, 'stream-closed')
      .filter((event) => event.session === session && event.reason === 'dropped by server' && event.seq < drop.seq)
      .at(-1);
    const stream = ofKind(trace, 'stream-opened').filter((event) => event.session === session && event.stream === closed?.stream).at(-1);
    if (!closed || stream?.retryMs === undefined) {
      return notTestable('the closed stream carried no SSE retry field, so there was no wait to respect', { evidence: [drop.seq] });
    }
    const retryMs = stream.retryMs;
    // The first attempt counts, whether or not the server took it: a GET on the session after the close.
    const attempt = trace.events.find((event) => event.seq > closed.seq && (
      (event.kind === 'stream-opened' && event.session === session && event.role === 'standalone') ||
      (event.kind === 'http-rejected' && event.method === 'GET' && event.session === session)));
    const evidence = [stream.seq, closed.seq, ...(attempt ? [attempt.seq] : [])];
    if (!attempt) {
      return notTestable(
        `the client did not try to reconnect in the ${ms(coveredAfter(trace, closed.t))} ms after the close, so how long it waits ` +
        'could not be seen (reopens-stream judges whether it reconnects)',
        { evidence, measurements: { retryMs, waitMs: null } },
      );
    }
    const waitMs = attempt.t - closed.t;
    const measurements = { retryMs, waitMs: ms(waitMs) };
    if (waitMs < retryMs - RETRY_EARLY_TOLERANCE_MS) {
      return fail(
        `the server closed the stream with retry ${retryMs} ms, and the client tried to reconnect after ${ms(waitMs)} ms, ` +
        `${ms(retryMs - waitMs)} ms too soon`,
        { evidence, measurements, decisive: true },
      );
    }
    return pass(`the server closed the stream with retry ${retryMs} ms, and the client reconnected after ${ms(waitMs)} ms`, { evidence, measurements });
  },
});
