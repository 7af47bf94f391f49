import { BASE_TOOLS, changeWhileStreamDown, type ScenarioDraft } from '../../../common.js';

/** The retry stream-retry's server sends: far from an immediate reconnect, and past the TS SDK's own 1 s first delay. */
export const STREAM_RETRY_MS = 1_500;

export const streamRetry: ScenarioDraft = {
  id: 'stream-retry',
  title: 'Stream closed with a retry',
  description:
    `The server primes the standalone GET stream with an event id and an SSE retry of ${STREAM_RETRY_MS} ms, then closes the ` +
    'connection without ending the stream (2025-11-25 polling) and announces a change while it is down. The client must ' +
    'wait the retry before it reconnects; resuming with Last-Event-ID, it gets the announcement replayed.',
  transports: ['http'],
  exclusions: {
    stdio: 'stdio has no SSE stream to close and reconnect to',
    sse: 'in legacy HTTP+SSE the stream is the session: closing it ends the session, with nothing to reconnect to',
  },
  eras: ['legacy'],
  eraExclusions: { modern: 'the 2026-07-28 revision has no GET stream and no Last-Event-ID resumption to wait for' },
  http: { eventStore: true, retryMs: STREAM_RETRY_MS, responseMode: 'sse' },
  catalogue: { tools: BASE_TOOLS },
  steps: changeWhileStreamDown(8_000),
  checks: [{ id: 'respects-retry' }, { id: 'converges' }, { id: 'target-survives' }],
};
