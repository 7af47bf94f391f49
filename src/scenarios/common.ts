import type { ScenarioInput } from '../model/scenario-schema.js';
import type { ListKind } from '../model/words.js';
import type { StepInput } from '../steps/registry.js';

/** A built-in scenario as written: the scenario's input shape with its steps type-checked against the built-in ops. */
export type ScenarioDraft = Omit<ScenarioInput, 'steps'> & { steps: StepInput[] };

/** The catalogue most scenarios start from. */
export const BASE_TOOLS = ['alpha', 'beta', 'gamma'].map((name) => ({ name, description: `The ${name} tool` }));

/** Let the target connect and finish its initial listing before anything changes. */
export const START: StepInput[] = [{ op: 'ready' }, { op: 'settle', quietMs: 300 }];

/** Quiet needed after the last reaction before the final view is taken (follow-up re-lists happen at once). */
export const FINAL_QUIET_MS = 500;

/** Observe the reaction to the last change (bounded), then let the wire go quiet. */
export function finish(lists: ListKind[] = ['tools']): StepInput[] {
  return [{ op: 'await-refresh', lists }, { op: 'settle', quietMs: FINAL_QUIET_MS }];
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
