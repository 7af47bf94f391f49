import { BASE_TOOLS, finish, START, type ScenarioDraft } from '../../../common.js';
import { TTL_MS } from '../channel/listen.js';

/** Nothing changes this long: three gaps of a poller at the TTL, and some to spare for timer lateness. */
const QUIET_MS = 5_000;
/** tools/list fails this long: two failed polls of a poller that doubles its wait from ~1 s. */
const FAILING_MS = 4_000;
/** Answered normally again this long before the change: the poll after the last failed one shows how long it waited. */
const RECOVERY_MS = 2_000;

export const pollCadence: ScenarioDraft = {
  id: 'poll-cadence',
  title: 'Poll cadence',
  description:
    `Lists are served with ttlMs ${TTL_MS}. Nothing changes for ${QUIET_MS / 1000} s; then every tools/list is answered with ` +
    `an internal error for ${FAILING_MS / 1000} s; then normally again, and a tool is added and announced. A client that ` +
    'polls must jitter its polls and back off while they fail; one that does not poll is judged only on seeing the change.',
  eras: ['modern'],
  eraExclusions: { legacy: 'the rule on polling (jitter and backoff) is in the 2026-07-28 caching rules, which the 2025 revisions lack' },
  ttlMs: TTL_MS,
  catalogue: { tools: BASE_TOOLS },
  steps: [
    ...START,
    { op: 'sleep', ms: QUIET_MS },
    { op: 'fail-answers', method: 'tools/list' },
    { op: 'sleep', ms: FAILING_MS },
    { op: 'fail-answers', method: 'tools/list', on: false },
    { op: 'sleep', ms: RECOVERY_MS },
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    ...finish(),
  ],
  checks: [{ id: 'poll-jitter-backoff' }, { id: 'converges' }, { id: 'target-survives' }],
};
