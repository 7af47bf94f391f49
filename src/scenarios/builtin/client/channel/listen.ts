import { BASE_TOOLS, finish, START, type ScenarioDraft } from '../../../common.js';

/** How late ack-first acknowledges: long enough that a change fits between a too-early list and the acknowledgement. */
export const ACK_DELAY_MS = 400;

/** The 2026-07-28 era's own scenarios: the listen stream is its only change channel. */
const ONLY_MODERN = {
  eras: ['modern' as const],
  eraExclusions: { legacy: 'the 2025 revisions have no subscriptions/listen stream' },
};

export const listenDropped: ScenarioDraft = {
  id: 'listen-dropped',
  title: 'Listen stream dropped',
  description:
    'The server\'s end of the subscriptions/listen stream goes away without a result (an unexpected disconnect), and a ' +
    'tool is added and announced while no stream is open, so the announcement reaches nobody. Nothing is replayed in this ' +
    'era: the client must open a new listen stream and list again to converge.',
  ...ONLY_MODERN,
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'drop-stream', graceful: false },
    { op: 'add', item: 'tools', value: { name: 'while-down' } },
    { op: 'notify', list: 'tools' },
    { op: 'wait-for', event: 'listen-stream', timeoutMs: 6_000, optional: true },
    { op: 'wait-for', event: 'list-request', method: 'tools/list', timeoutMs: 3_000, optional: true },
    ...finish(),
  ],
  checks: [{ id: 'reopens-listen' }, { id: 'converges' }, { id: 'target-survives' }],
};

export const ackFirst: ScenarioDraft = {
  id: 'ack-first',
  title: 'Acknowledgement first',
  description:
    'The server acknowledges the client\'s listen stream late. A tool is added while the stream is open but not yet ' +
    'acknowledged, so its announcement goes nowhere (a server sends nothing on a stream before its acknowledgement). A client ' +
    'that treats the stream as live only once acknowledged lists after that and sees the tool; one that lists at once misses it.',
  ...ONLY_MODERN,
  catalogue: { tools: BASE_TOOLS },
  steps: [
    { op: 'delay-ack', ms: ACK_DELAY_MS },
    { op: 'wait-for', event: 'listen-opened', timeoutMs: 15_000, optional: true },
    // A client that lists the moment it opened the stream has done so by the time the wire is quiet.
    { op: 'settle', quietMs: 100 },
    { op: 'add', item: 'tools', value: { name: 'before-ack' } },
    { op: 'notify', list: 'tools' },
    { op: 'ready' },
    { op: 'await-settled' },
  ],
  checks: [{ id: 'lists-after-ack' }, { id: 'converges' }, { id: 'target-survives' }],
};

/** ttl-invalidation's list TTL: long next to a reaction, short enough that two expiries fit in the observation. */
export const TTL_MS = 1_500;

export const ttlInvalidationScenario: ScenarioDraft = {
  id: 'ttl-invalidation',
  title: 'TTL invalidation',
  description:
    `Every list is served with ttlMs ${TTL_MS}. A tool is added and announced while the client's cached list is fresh: it must ` +
    `list again before the TTL runs out. Then nothing is announced for over two TTLs: a client that re-lists when its TTL ` +
    'expires treats it as a polling interval, which the spec says not to do.',
  ...ONLY_MODERN,
  ttlMs: TTL_MS,
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'await-refresh', lists: ['tools'] },
    { op: 'sleep', ms: 2 * TTL_MS + 200 },
    { op: 'await-settled' },
  ],
  checks: [{ id: 'ttl-invalidation' }, { id: 'converges' }, { id: 'target-survives' }],
};

export const listenFilters: ScenarioDraft = {
  id: 'listen-filters',
  title: 'Listen filters',
  description:
    'The server announces tool and prompt changes but not resource changes. The client should subscribe to the announced ' +
    'lists it reads; a prompt and a tool are then added and announced (and a resources list_changed is offered, which the ' +
    'mock, as the spec says, sends to no stream that did not ask for it).',
  ...ONLY_MODERN,
  catalogue: { tools: BASE_TOOLS, resources: [{ uri: 'mock://docs/one', name: 'one' }], prompts: [{ name: 'greet' }] },
  capabilities: {
    tools: { listChanged: true },
    resources: { listChanged: false, subscribe: false },
    prompts: { listChanged: true },
  },
  steps: [
    ...START,
    { op: 'add', item: 'prompts', value: { name: 'farewell' } },
    { op: 'notify', list: 'prompts' },
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'notify', list: 'resources' },
    ...finish(['tools', 'prompts']),
  ],
  checks: [{ id: 'listen-filters' }, { id: 'converges', options: { lists: ['tools', 'prompts'] } }, { id: 'target-survives' }],
};
