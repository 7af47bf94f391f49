import { BASE_TOOLS, CONTROL, FINAL_QUIET_MS, START, type ScenarioDraft } from '../../../common.js';

export const capabilityOff: ScenarioDraft = {
  id: 'capability-off',
  title: 'Notification without the listChanged capability',
  description:
    'The server advertises no listChanged, then sends tools/list_changed anyway. The spec neither requires nor forbids a ' +
    'reaction; the report says what the target did.',
  eras: ['legacy'],
  eraExclusions: {
    modern: 'in the 2026-07-28 revision the server MUST NOT send a type the listen acknowledgement left out; listen-filters covers it',
  },
  catalogue: { tools: BASE_TOOLS },
  capabilities: {
    tools: { listChanged: false },
    resources: { listChanged: false, subscribe: false },
    prompts: { listChanged: false },
  },
  steps: [
    ...START,
    // Without it, a poll landing after the notification would be reported as a reaction.
    ...CONTROL,
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'notify', list: 'tools' },
    { op: 'await-refresh', lists: ['tools'], timeoutMs: 1_500 },
    { op: 'settle', quietMs: FINAL_QUIET_MS },
  ],
  checks: [{ id: 'relist-after-notify', options: { observeOnly: true } }, { id: 'target-survives' }],
};
