import type { StepInput } from './steps.js';

/** The catalogue most scenarios start from. */
export const BASE_TOOLS = ['alpha', 'beta', 'gamma'].map((name) => ({ name, description: `The ${name} tool` }));

/** Let the target connect and finish its initial listing before anything changes. */
export const START: StepInput[] = [{ op: 'ready' }, { op: 'settle', quietMs: 300 }];

/** Quiet needed after the last reaction before the final view is taken (follow-up re-lists happen at once). */
export const FINAL_QUIET_MS = 500;

/** Observe the reaction to the last change (bounded), then let the wire go quiet. */
export function finish(lists: ('tools' | 'resources' | 'prompts')[] = ['tools']): StepInput[] {
  return [{ op: 'await-refresh', lists }, { op: 'settle', quietMs: FINAL_QUIET_MS }];
}

/** All three lists, for scenarios that change every one of them. */
export const ALL_LISTS: ('tools' | 'resources' | 'prompts')[] = ['tools', 'resources', 'prompts'];
