import type { StepInput } from '../../../steps/op-registry.js';
import { ALL_LISTS, BASE_TOOLS, CHANGE_EVERY_LIST, EVERY_LIST_CATALOGUE, FINAL_QUIET_MS, type ScenarioDraft } from '../../common.js';

export const GATEWAY = { mode: 'gateway' as const, catalogue: { tools: BASE_TOOLS } };
/** The probe connects and lists, the gateway finishes its own start-up traffic. */
export const START: StepInput[] = [{ op: 'ready' }, { op: 'settle', quietMs: 300 }];
/** Wait (bounded) for the downstream side to hear about it, then for the wire to go quiet; the runner lists last. */
export const FINISH: StepInput[] = [{ op: 'await-downstream' }, { op: 'settle', quietMs: FINAL_QUIET_MS }];
const RELAY = [{ id: 'gw-relays-notification' }, { id: 'gw-converges' }, { id: 'target-survives' }];
/**
 * How long a staged race holds the gateway's own refresh waiting for the move it stages (its users told, its refresh
 * asked): a gateway that relays first does so at once or after its own short debounce; one that refreshes first is
 * waiting on the held answer and relays only after it.
 */
export const HELD_REFRESH_WAIT_MS = 1_500;

export const gwPropagateAdd: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-propagate-add',
  title: 'Gateway: an upstream tool is added',
  description: 'A tool is added upstream and announced; the gateway\'s users are told and see it.',
  steps: [...START, { op: 'add', item: 'tools', value: { name: 'delta' } }, { op: 'notify', list: 'tools' }, ...FINISH],
  checks: RELAY,
};

export const gwPropagateRemove: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-propagate-remove',
  title: 'Gateway: an upstream tool is removed',
  description: 'A tool is removed upstream and announced; the gateway\'s users are told and stop seeing it.',
  steps: [...START, { op: 'remove', item: 'tools', key: 'beta' }, { op: 'notify', list: 'tools' }, ...FINISH],
  checks: RELAY,
};

export const gwStorm: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-storm',
  title: 'Gateway: a storm upstream',
  description:
    '20 upstream changes 5 ms apart, half of them while the gateway\'s own first refresh is held (it is then answered with ' +
    'the revision it asked at); upstream re-lists and downstream notifications stay bounded, and downstream converges.',
  steps: [
    ...START,
    // Changes during a refresh, staged rather than timed: a gateway that drops what is announced while its refresh is in
    // flight ends stale every time, and one that refreshes again converges every time.
    { op: 'hold', method: 'tools/list', count: 1, ownOnly: true },
    { op: 'storm', list: 'tools', count: 10, intervalMs: 5, mutate: true },
    // From the hold, not from this step: a gateway that refreshes at once is held while the storm above still plays.
    { op: 'wait-for', event: 'response-held', method: 'tools/list', since: 'hold', timeoutMs: HELD_REFRESH_WAIT_MS, optional: true },
    { op: 'storm', list: 'tools', count: 10, intervalMs: 5, mutate: true },
    { op: 'release', method: 'tools/list' },
    ...FINISH,
  ],
  checks: [{ id: 'gw-coalesces' }, { id: 'gw-relays-notification' }, { id: 'gw-converges' }, { id: 'target-survives' }],
};

export const gwInFlightList: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-in-flight-list',
  title: 'Gateway: change during the gateway\'s upstream list',
  description:
    'The first upstream tools/list after a change is held; a second change is announced; the stale answer is released. ' +
    'The gateway\'s users must end on the latest list.',
  steps: [
    ...START,
    { op: 'hold', method: 'tools/list', count: 1 },
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'wait-for', event: 'response-held', method: 'tools/list', since: 'hold', timeoutMs: 4_000, optional: true },
    { op: 'add', item: 'tools', value: { name: 'epsilon' } },
    { op: 'notify', list: 'tools' },
    { op: 'wait-for', event: 'list-served', method: 'tools/list', timeoutMs: 1_000, optional: true },
    { op: 'await-applied', method: 'tools/list' },
    { op: 'release', method: 'tools/list' },
    ...FINISH,
  ],
  checks: [{ id: 'gw-converges' }, { id: 'target-survives' }],
};

export const gwPoolTeardown: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-pool-teardown',
  title: 'Gateway: the upstream pool dies with a change pending',
  description:
    'A tool is added upstream (not yet announced), then the upstream side dies: http terminates the session, sse drops its ' +
    'stream, a stdio server exits. The gateway must reconnect or re-spawn, re-discover, and keep serving its users; then ' +
    'its user lists and calls a tool, as a user would, which is when a lazy gateway reconnects.',
  steps: [
    ...START,
    { op: 'add', item: 'tools', value: { name: 'after-teardown' } },
    { op: 'teardown' },
    { op: 'wait-for', event: 'initialized', timeoutMs: 10_000, optional: true },
    { op: 'probe-list' },
    { op: 'probe-call' },
    { op: 'settle', quietMs: 1_000 },
  ],
  checks: [{ id: 'gw-survives-teardown' }, { id: 'gw-initializes-upstream' }, { id: 'gw-converges' }, { id: 'target-survives' }],
};

export const gwNoDownstreamSession: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-no-downstream-session',
  notWithStdioDownstream: 'with a stdio downstream the user\'s session is the gateway process itself; it cannot go and come back',
  title: 'Gateway: change while no user is connected',
  description: 'The probe disconnects; a tool is added and announced upstream; a probe connecting afterwards must see it.',
  steps: [
    ...START,
    { op: 'probe-disconnect' },
    { op: 'settle', quietMs: 300 },
    { op: 'add', item: 'tools', value: { name: 'while-away' } },
    { op: 'notify', list: 'tools' },
    { op: 'settle', quietMs: FINAL_QUIET_MS },
    { op: 'probe-connect' },
    { op: 'settle', quietMs: FINAL_QUIET_MS },
  ],
  checks: [{ id: 'gw-converges' }, { id: 'target-survives' }],
};

export const gwRelayBeforeUpdate: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-relay-before-update',
  title: 'Gateway: relay only once the catalogue is updated',
  description:
    'A tool is added and announced while the gateway\'s own refresh is held; the probe lists the moment a downstream ' +
    'list_changed arrives. That list must already show it.',
  steps: [
    ...START,
    // Staged: the gateway's refresh answer waits until its users were told and listed (or the bound passes). A gateway that
    // tells them before its catalogue has the change is caught with the old one every time; one that refreshes first
    // relays only after the release, and passes every time.
    { op: 'hold', method: 'tools/list', count: 1, ownOnly: true },
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'wait-for', event: 'probe-listed', timeoutMs: HELD_REFRESH_WAIT_MS, optional: true },
    { op: 'release', method: 'tools/list' },
    ...FINISH,
  ],
  checks: [{ id: 'gw-relay-after-update' }, { id: 'gw-relays-notification' }, { id: 'target-survives' }],
};

export const gwCapabilityOff: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-capability-off',
  title: 'Gateway: upstream without listChanged',
  description: 'The upstream advertises no listChanged and sends a notification anyway; the report says what the gateway did.',
  capabilities: {
    tools: { listChanged: false },
    resources: { listChanged: false, subscribe: false },
    prompts: { listChanged: false },
  },
  steps: [...START, { op: 'add', item: 'tools', value: { name: 'delta' } }, { op: 'notify', list: 'tools' }, { op: 'await-downstream', timeoutMs: 1_500 }, { op: 'settle', quietMs: FINAL_QUIET_MS }],
  checks: [{ id: 'gw-relays-notification', options: { observeOnly: true } }, { id: 'target-survives' }],
};

export const gwMultiList: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-multi-list',
  title: 'Gateway: tools, resources and prompts change together',
  description:
    'One upstream change to each list, each announced; downstream converges on all three, and what the gateway relays is ' +
    'what it advertises.',
  catalogue: EVERY_LIST_CATALOGUE,
  steps: [...START, ...CHANGE_EVERY_LIST, ...FINISH],
  checks: [
    { id: 'gw-converges', options: { lists: ALL_LISTS } },
    { id: 'gw-relays-notification' },
    { id: 'gw-advertises-list-changed' },
    { id: 'target-survives' },
  ],
};

export const gwEveryUser: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-every-user',
  title: 'Gateway: every user is told',
  description:
    'The probe and every --also-downstream user connect, list and call a tool; a tool is added and announced upstream. ' +
    'Each user is told and ends with the new list, whichever worker or session heard the change.',
  needsUsers: 'it needs a second user of the gateway: pass --also-downstream <URL> (a second worker\'s, or the same URL again)',
  steps: [
    ...START,
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'await-downstream', every: true },
    { op: 'settle', quietMs: FINAL_QUIET_MS },
  ],
  checks: [{ id: 'gw-tells-every-user' }, ...RELAY],
};

export const GATEWAY_SCENARIOS = [
  gwEveryUser,
  gwPropagateAdd,
  gwPropagateRemove,
  gwStorm,
  gwInFlightList,
  gwPoolTeardown,
  gwNoDownstreamSession,
  gwRelayBeforeUpdate,
  gwCapabilityOff,
  gwMultiList,
];
