import { BASE_TOOLS, finish, START, type ScenarioDraft } from '../../../common.js';

export const eraFallback: ScenarioDraft = {
  id: 'era-fallback',
  title: 'Era fallback',
  description:
    'The mock serves only the other era than the one the target is told to speak. Told 2026-07-28, the client meets a ' +
    '2025-only server that refuses server/discover as a 2025 server does: a dual-era client falls back to initialize, and a ' +
    'tool added and announced on that session must still reach its view. Told 2025, the client meets a 2026-07-28-only ' +
    'server that answers initialize with -32022 and the versions it speaks: how the client fails is reported.',
  transports: ['stdio', 'http'],
  exclusions: { sse: 'legacy HTTP+SSE has no 2026-07-28 form: there is no other era to serve on it' },
  serves: 'other',
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    ...finish(),
  ],
  // Not target-survives: a client that cannot speak the server's era may rightly give up and exit.
  checks: [{ id: 'era-fallback' }],
};
