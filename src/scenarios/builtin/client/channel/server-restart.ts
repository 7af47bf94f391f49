import { BASE_TOOLS, finish, START, type ScenarioDraft } from '../../../common.js';

export const serverRestart: ScenarioDraft = {
  id: 'server-restart',
  title: 'Server process restarts',
  description:
    'Over stdio the server process exits while the client listens. A client that restarts it, as the stdio binding says it ' +
    'should, reaches a server that holds no subscriptions: it must send subscriptions/listen again. A tool is then added ' +
    'and announced, which reaches only a client that did.',
  transports: ['stdio'],
  exclusions: {
    http: 'the 2026-07-28 HTTP binding keeps no connection to re-establish: every request stands alone (listen-dropped covers a listen stream that ends)',
  },
  eras: ['modern'],
  eraExclusions: { legacy: 'the 2025 revisions have no subscriptions/listen to re-send' },
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'exit', code: 1 },
    // A restart spawns the server again (the SDK probes on a process of its own first); then the listen comes, or not.
    { op: 'wait-for', event: 'initialized', timeoutMs: 8_000, optional: true },
    { op: 'wait-for', event: 'listen-stream', timeoutMs: 5_000, optional: true },
    { op: 'add', item: 'tools', value: { name: 'after-restart' } },
    { op: 'notify', list: 'tools' },
    ...finish(),
  ],
  checks: [{ id: 'relisten-after-reconnect' }, { id: 'converges' }, { id: 'target-survives' }],
};
