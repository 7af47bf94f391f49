import type { StepInput } from '../../../steps/op-registry.js';
import { EVERY_LIST_CATALOGUE, FINAL_QUIET_MS, type ScenarioDraft } from '../../common.js';
import { GATEWAY, HELD_REFRESH_WAIT_MS, START } from './relay.js';

// A gateway's refresh policy, characterised: IBM ContextForge's issue #3734 asks whether a second change inside the
// debounce window is kept, whether flags merge across lists, and whether a change after the window is fetched. Each is
// a scenario here, for any gateway; the windows they outlast are the one the user declares (--debounce).

/**
 * How long a scenario gives the gateway to act on a notification (tell its users, or list) before releasing a held
 * answer: a gateway that acts is seen acting, and the wait ends on that; one that drops the notification gets this long.
 */
const HEARD_WAIT_MS = 1_000;

/** The end of a scenario whose last change may wait out the gateway's window: the relay and the quiet both add it. */
const WINDOW_FINISH: StepInput[] = [
  { op: 'await-downstream', plusWindow: true },
  { op: 'settle', quietMs: FINAL_QUIET_MS, plusWindow: true },
];

/** A change and its announcement. */
const addTool = (name: string): StepInput[] => [{ op: 'add', item: 'tools', value: { name } }, { op: 'notify', list: 'tools' }];

/** The first change, and the gateway's own refresh of it (or the bound: a forwarder has none). */
const FIRST_REFRESHED: StepInput[] = [
  ...addTool('delta'),
  { op: 'wait-for', event: 'gateway-list', method: 'tools/list', timeoutMs: 3_000, optional: true },
  { op: 'settle', quietMs: 100 },
];

export const gwChangeInWindow: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-change-in-window',
  title: 'Gateway: a second change right after its refresh',
  description:
    'A tool is added and announced; right after the gateway\'s own refresh of it, another is added and announced, inside ' +
    'any debounce or rate-limit window the gateway keeps. Its users must end with both, now or when its window ends.',
  steps: [...START, ...FIRST_REFRESHED, ...addTool('epsilon'), ...WINDOW_FINISH],
  // One cause, one failure: a dropped change also goes untold, and gw-propagate-add judges the telling.
  checks: [{ id: 'gw-converges' }, { id: 'target-survives' }],
};

export const gwChangeAfterWindow: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-change-after-window',
  title: 'Gateway: a second change after its window',
  description:
    'A tool is added and announced; once the gateway has refreshed, the scenario waits out the window the user declared ' +
    '(--debounce) and half a second more, then adds and announces another. Its users must end with both.',
  needsWindow: 'it waits out the gateway\'s refresh window, and none was declared: pass --debounce <ms> (gw-debounce-probe measures it)',
  steps: [...START, ...FIRST_REFRESHED, { op: 'sleep', ms: 500, plusWindow: true }, ...addTool('epsilon'), ...WINDOW_FINISH],
  checks: [{ id: 'gw-converges', options: { needsWindow: true } }, { id: 'target-survives' }],
};

export const gwFlagMerge: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-flag-merge',
  title: 'Gateway: a change to another list while it refreshes',
  description:
    'A resource is added and announced, and the gateway\'s own refresh of resources is held; meanwhile a prompt is added ' +
    'and announced. Once the gateway has acted on it (or a second has passed) the refresh is answered. A gateway that ' +
    'merges the prompts change into its pending refresh, or refreshes again, ends with both; one that drops it ends stale.',
  catalogue: EVERY_LIST_CATALOGUE,
  steps: [
    ...START,
    { op: 'hold', method: 'resources/list', count: 1, ownOnly: true },
    { op: 'add', item: 'resources', value: { uri: 'mock://docs/two', name: 'two' } },
    { op: 'notify', list: 'resources' },
    { op: 'wait-for', event: 'response-held', method: 'resources/list', since: 'hold', timeoutMs: HELD_REFRESH_WAIT_MS, optional: true },
    { op: 'add', item: 'prompts', value: { name: 'farewell' } },
    { op: 'notify', list: 'prompts' },
    { op: 'wait-for', event: 'gateway-acted', method: 'prompts/list', timeoutMs: HEARD_WAIT_MS, optional: true },
    { op: 'release', method: 'resources/list' },
    ...WINDOW_FINISH,
  ],
  checks: [{ id: 'gw-converges', options: { lists: ['resources', 'prompts'] } }, { id: 'target-survives' }],
};

/** Gaps between the two changes of each pair, as the client's debounce probe uses. */
export const GW_PROBE_GAPS_MS = [30, 100, 200, 450, 900];

/**
 * One pair: the gateway's own refresh is held; two changes `gap` ms apart are announced; once the gateway has acted on
 * the second (or a second has passed) and its refresh is held (or the bound passed), the refresh is answered with the
 * revision it asked at. Whether the second change is kept then depends on the gateway's logic alone.
 */
const pair = (gap: number, index: number): StepInput[] => [
  { op: 'hold', method: 'tools/list', count: 1, ownOnly: true },
  ...addTool(`pair${index}a`),
  { op: 'sleep', ms: gap },
  ...addTool(`pair${index}b`),
  { op: 'wait-for', event: 'gateway-acted', method: 'tools/list', timeoutMs: HEARD_WAIT_MS, optional: true },
  { op: 'wait-for', event: 'response-held', method: 'tools/list', since: 'hold', timeoutMs: HELD_REFRESH_WAIT_MS, optional: true },
  { op: 'release', method: 'tools/list' },
  { op: 'settle', quietMs: 400, plusWindow: true },
];

export const gwDebounceProbe: ScenarioDraft = {
  ...GATEWAY,
  id: 'gw-debounce-probe',
  title: 'Gateway: debounce probe',
  description:
    `Pairs of upstream changes ${GW_PROBE_GAPS_MS.join(', ')} ms apart, the gateway's own refresh held until it has heard ` +
    'the second; its refreshes per pair reveal its policy (leading or trailing edge), its window, and whether a change ' +
    'inside the window is kept. Reported as measurements; judged only against the window declared with --debounce. ' +
    'The gateway\'s users must end with every change.',
  steps: [...START, ...GW_PROBE_GAPS_MS.flatMap(pair)],
  // After ten changes the gateway's users must hold them all: what a forwarder, with no policy to measure, is judged on.
  checks: [{ id: 'gw-debounce-window' }, { id: 'gw-converges' }, { id: 'target-survives' }],
};

export const GATEWAY_DEBOUNCE_SCENARIOS = [gwChangeInWindow, gwChangeAfterWindow, gwFlagMerge, gwDebounceProbe];
