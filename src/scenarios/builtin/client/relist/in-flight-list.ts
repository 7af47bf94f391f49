import { BASE_TOOLS, finish, START, type ScenarioDraft } from '../../../common.js';

/**
 * How long a target that re-lists concurrently gets to ask for the fresh list before the stale one is released. Not
 * paced by the target's own reaction: a JVM client's second request came after its pace allowed on a loaded runner,
 * and the race then went unstaged in one run of two. A serialising target waits it out in every run.
 */
const CONCURRENT_RELIST_WAIT_MS = 1_500;

export const inFlightList: ScenarioDraft = {
  id: 'in-flight-list',
  title: 'Notification during an in-flight list',
  description:
    'The target\'s refresh is held; meanwhile a second change is announced; then the held (now stale) answer is ' +
    'released. The target must not end on the stale list.',
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'hold', method: 'tools/list', count: 1 },
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'wait-for', event: 'response-held', method: 'tools/list', since: 'hold', timeoutMs: 5_000 },
    { op: 'add', item: 'tools', value: { name: 'epsilon' } },
    { op: 'notify', list: 'tools' },
    // A target that re-lists without waiting for its first refresh gets the fresh list now; a serialising one waits.
    { op: 'wait-for', event: 'list-served', method: 'tools/list', timeoutMs: CONCURRENT_RELIST_WAIT_MS, optional: true },
    // The stale answer goes out only once the fresh one was applied: the outcome is the target's logic, not luck.
    { op: 'await-applied', method: 'tools/list' },
    { op: 'release', method: 'tools/list' },
    ...finish(),
  ],
  checks: [{ id: 'no-stale-final' }, { id: 'converges' }, { id: 'target-survives' }],
};
