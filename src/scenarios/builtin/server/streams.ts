import type { ScenarioDraft } from '../../common.js';
import { SESSION_SETTLE_MS } from './announce.js';

/** Sessions connected and listed, and the server given SESSION_SETTLE_MS to finish setting them up (see server.ts). */
const READY: ScenarioDraft['steps'] = [{ op: 'ready' }, { op: 'sleep', ms: SESSION_SETTLE_MS }];

export const serverStreamsScenario: ScenarioDraft = {
  id: 'server-streams',
  title: 'Server keeps each message, and each event id, to one stream',
  description:
    'Streamable HTTP: session S, whose every SSE stream the harness reads itself, opens its standalone GET stream and ' +
    'calls the change tool, so the announcement goes out while the GET stream and the call\'s own event stream are both ' +
    'open. No message may arrive on both, and no SSE event id may repeat across the session\'s streams.',
  mode: 'server',
  transports: ['http'],
  exclusions: {
    stdio: 'a stdio session has one stream: several streams per session are a Streamable HTTP feature',
    sse: 'legacy HTTP+SSE has one stream per session (answers to POSTs come on it too)',
  },
  eras: ['legacy'],
  eraExclusions: { modern: 'the rules on a session\'s several streams and their event ids are the 2025 revisions\' (the 2026-07-28 revision has no GET stream)' },
  steps: [...READY, { op: 'streams' }],
  checks: [{ id: 'server-no-broadcast' }, { id: 'server-event-ids-unique' }, { id: 'target-survives' }],
};

export const serverListenTeardownScenario: ScenarioDraft = {
  id: 'server-listen-teardown',
  title: 'Server ends its listen streams when it shuts down',
  description:
    'In the 2026-07-28 era: the sessions listen for every list the server announces; then the harness asks the server to ' +
    'shut down (SIGTERM, as a supervisor does) while the listens are open. Each listen must be cancelled with ' +
    'notifications/cancelled referencing its request id; a closing result should answer it, carrying its subscriptionId.',
  mode: 'server',
  eras: ['modern'],
  eraExclusions: { legacy: 'subscriptions/listen exists only in the 2026-07-28 era (run with --era modern)' },
  steps: [...READY, { op: 'stop-server' }],
  // The server is stopped on purpose: whether it survives is not a question here.
  checks: [{ id: 'server-listen-teardown' }],
};

export const serverCacheHintsScenario: ScenarioDraft = {
  id: 'server-cache-hints',
  title: 'Server puts caching hints on every list page',
  description:
    'In the 2026-07-28 era: the sessions list every list the server offers, page by page, when they connect and at the ' +
    'end. Every page must carry ttlMs (an integer >= 0) and cacheScope ("public" or "private"), the same cacheScope on ' +
    'every page of one list.',
  mode: 'server',
  eras: ['modern'],
  eraExclusions: { legacy: 'caching hints exist only in the 2026-07-28 era (run with --era modern)' },
  steps: READY,
  checks: [{ id: 'server-cache-hints' }, { id: 'target-survives' }],
};

export const SERVER_SPEC_SCENARIOS: readonly ScenarioDraft[] = [
  serverStreamsScenario,
  serverListenTeardownScenario,
  serverCacheHintsScenario,
];
