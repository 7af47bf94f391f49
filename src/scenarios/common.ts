import { RELIST_DEADLINE_MS } from '../checks/client/relist/relist-after-notify.js';
import type { ScenarioInput } from '../model/scenario-schema.js';
import type { ListKind } from '../model/words.js';
import type { StepInput } from '../steps/op-registry.js';

/** A built-in scenario as written: the scenario's input shape with its steps type-checked against the built-in ops. */
export type ScenarioDraft = Omit<ScenarioInput, 'steps'> & { steps: StepInput[] };

/** The catalogue most scenarios start from. */
export const BASE_TOOLS = ['alpha', 'beta', 'gamma'].map((name) => ({ name, description: `The ${name} tool` }));

/** The wire is quiet this long before a control window opens (its soundness rests on it, see CONTROL_WINDOW_MS). */
export const START_QUIET_MS = 300;

/** Quiet after the initial listing, at least: a fast target is done; a slower one gets a quiet derived from its pace. */
export const START_MIN_QUIET_MS = 50;

/**
 * Quiet after the initial listing once the target's views are current. Longer than the end's: a client that lists its
 * lists one after another (a JVM client listing prompts a few hundred ms after tools, on a loaded runner) is not done
 * when the first view is current, and a change made in between lands in its start-up, not in the scenario.
 */
export const START_CURRENT_QUIET_MS = 300;

/** Let the target connect and finish its initial listing before anything changes. */
export const START: StepInput[] = [{ op: 'ready' }, { op: 'await-settled', minQuietMs: START_MIN_QUIET_MS, currentQuietMs: START_CURRENT_QUIET_MS }];

/**
 * The control window's length, the shortest that is sound. CONTROL's first settle leaves the wire quiet for START_QUIET_MS before
 * the window opens, so a poller's last poll is at least that old and its next comes within its period: every period up
 * to START_QUIET_MS + CONTROL_WINDOW_MS, relist-after-notify's deadline, shows a poll inside the window. Those are the
 * periods that always land a poll inside the deadline and so would always pass for a reaction; a slower poller hits the
 * deadline only by chance, and catching it would cost every reactor a longer wait in every scenario with the window.
 */
export const CONTROL_WINDOW_MS = RELIST_DEADLINE_MS - START_QUIET_MS;

/** Long enough for the poll that ended the control window to finish (a few ms on loopback); short next to any period it catches. */
export const POLL_SETTLE_MS = 100;

/**
 * A notification-free control window, so that a re-list is credited to a notification as its cause and not to a
 * coincidence: a reactor does not re-list in it and waits it
 * out; a poller re-lists, which ends it, so the change that follows is announced just after a poll (once that poll is
 * done, so the two do not mingle), as far from the next one as its period allows. Only scenarios whose checks credit
 * reactions pay for it.
 */
export const CONTROL: StepInput[] = [
  { op: 'settle', quietMs: START_QUIET_MS },
  { op: 'wait-for', event: 'list-request', method: 'tools/list', timeoutMs: CONTROL_WINDOW_MS, optional: true },
  { op: 'settle', quietMs: POLL_SETTLE_MS },
];

/** Quiet needed after the last reaction where re-lists are counted (storms): a fixed period, not the target's pace. */
export const FINAL_QUIET_MS = 500;

/**
 * Observe the reaction to the last change (bounded), then let the wire go quiet: for as long as the target's pace says
 * (a fast target is done in a tenth of a second), or, where the scenario counts re-lists, a fixed FINAL_QUIET_MS.
 */
export function finish(lists: ListKind[] = ['tools'], quiet: 'paced' | 'fixed' = 'paced'): StepInput[] {
  const after: StepInput = quiet === 'paced' ? { op: 'await-settled' } : { op: 'settle', quietMs: FINAL_QUIET_MS };
  return [{ op: 'await-refresh', lists }, after];
}

/**
 * The standalone GET stream dropped, a tool added and announced while it is down, and a wait of up to `timeoutMs` for
 * the client to open it again (stream-dropped and stream-retry, which differ in what the server told the client first).
 */
export function changeWhileStreamDown(timeoutMs: number): StepInput[] {
  return [
    ...START,
    { op: 'drop-stream' },
    { op: 'add', item: 'tools', value: { name: 'while-down' } },
    { op: 'notify', list: 'tools' },
    { op: 'wait-for', event: 'standalone-stream', timeoutMs, optional: true },
    ...finish(),
  ];
}

/** All three lists, for scenarios that change every one of them. */
export const ALL_LISTS: ListKind[] = ['tools', 'resources', 'prompts'];

/** A catalogue with something in every list. */
export const EVERY_LIST_CATALOGUE = {
  tools: BASE_TOOLS,
  resources: [{ uri: 'mock://docs/one', name: 'one' }],
  prompts: [{ name: 'greet' }],
};

/** One change to each list, each announced with its own list_changed. */
export const CHANGE_EVERY_LIST: StepInput[] = [
  { op: 'add', item: 'tools', value: { name: 'delta' } },
  { op: 'add', item: 'resources', value: { uri: 'mock://docs/two', name: 'two' } },
  { op: 'add', item: 'prompts', value: { name: 'farewell' } },
  ...ALL_LISTS.map((list): StepInput => ({ op: 'notify', list })),
];
