import { BASE_TOOLS, changeWhileStreamDown, finish, START, type ScenarioDraft } from '../../../common.js';

const ONLY_HTTP = { transports: ['http' as const] };
const ONLY_LEGACY = { eras: ['legacy' as const] };

export const sessionTerminated: ScenarioDraft = {
  id: 'session-terminated',
  title: 'Server terminates the session',
  description:
    'The server ends the session (404 for it from then on) and the catalogue changes. The client MUST start a new session ' +
    'when it gets the 404, and should list again.',
  ...ONLY_HTTP,
  ...ONLY_LEGACY,
  eraExclusions: { modern: 'the 2026-07-28 revision has no sessions, so no 404 for one' },
  exclusions: {
    stdio: 'a stdio session ends only with its process; there is no 404 to react to',
    sse: 'legacy HTTP+SSE has no session termination with 404: the session ends with its stream',
  },
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'terminate-session' },
    { op: 'add', item: 'tools', value: { name: 'after-restart' } },
    // SDK clients retry their GET stream after ~1 s (with backoff) and only then see the 404.
    { op: 'wait-for', event: 'initialize-request', timeoutMs: 8_000, optional: true },
    { op: 'wait-for', event: 'list-request', method: 'tools/list', timeoutMs: 3_000, optional: true },
    ...finish(),
  ],
  checks: [{ id: 'reinitializes-after-404' }, { id: 'converges' }, { id: 'target-survives' }],
};

export const streamDropped: ScenarioDraft = {
  id: 'stream-dropped',
  title: 'Standalone stream dropped',
  description:
    'The server closes the standalone GET stream and announces a change while it is down. With the event store on, a ' +
    'client that resumes with Last-Event-ID gets the notification replayed and converges.',
  ...ONLY_HTTP,
  ...ONLY_LEGACY,
  eraExclusions: { modern: 'the 2026-07-28 revision has no GET stream and no Last-Event-ID replay: listen-dropped covers a dropped listen stream' },
  exclusions: {
    stdio: 'stdio has a single stream: closing it ends the session',
    sse: 'in legacy HTTP+SSE the stream is the session: dropping it is session termination',
  },
  http: { eventStore: true, retryMs: 100, responseMode: 'sse' },
  catalogue: { tools: BASE_TOOLS },
  steps: changeWhileStreamDown(6_000),
  checks: [{ id: 'reopens-stream' }, { id: 'converges' }, { id: 'target-survives' }],
};
