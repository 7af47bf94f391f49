import { BASE_TOOLS, CONTROL, finish, START, type ScenarioDraft } from '../../../common.js';

/** 20 changes 5 ms apart: a ~100 ms burst. */
export const BURST = { count: 20, intervalMs: 5 };
/** A change every 100 ms for 3 s: long enough to see whether a trailing debounce ever fires. */
export const SUSTAINED = { count: 31, intervalMs: 100 };

export const stormBurst: ScenarioDraft = {
  id: 'storm-burst',
  title: 'Notification burst',
  description: `After a notification-free control window, ${BURST.count} changes, each announced, ${BURST.intervalMs} ms apart; the target coalesces them and ends current.`,
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, ...CONTROL, { op: 'storm', list: 'tools', mutate: true, ...BURST }, ...finish(['tools'], 'fixed')],
  checks: [{ id: 'coalesces-burst' }, { id: 'relist-after-notify' }, { id: 'converges' }, { id: 'target-survives' }],
};

export const stormSustained: ScenarioDraft = {
  id: 'storm-sustained',
  title: 'Sustained storm',
  description: `After a notification-free control window, a change every ${SUSTAINED.intervalMs} ms for ${((SUSTAINED.count - 1) * SUSTAINED.intervalMs) / 1000} s; the target keeps refreshing during it (no starvation) and converges after.`,
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, ...CONTROL, { op: 'storm', list: 'tools', mutate: true, ...SUSTAINED }, ...finish(['tools'], 'fixed')],
  checks: [{ id: 'no-starvation' }, { id: 'relist-after-notify' }, { id: 'converges' }, { id: 'target-survives' }],
};
