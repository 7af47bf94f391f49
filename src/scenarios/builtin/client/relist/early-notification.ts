import { BASE_TOOLS, type ScenarioDraft } from '../../../common.js';

export const earlyNotification: ScenarioDraft = {
  id: 'early-notification',
  title: 'Notification right after initialize',
  description:
    'A tool is added and announced the instant the initialize response is written, before the client sends ' +
    'initialized (legal, but clients often install handlers late). Graded as robustness: the target\'s view must still end current.',
  eras: ['legacy'],
  eraExclusions: { modern: 'the 2026-07-28 revision has no initialize; the listen stream is live only from its acknowledgement' },
  catalogue: { tools: BASE_TOOLS },
  steps: [
    {
      op: 'arm',
      on: 'initialize-response',
      then: [
        { op: 'add', item: 'tools', value: { name: 'early' } },
        { op: 'notify', list: 'tools' },
      ],
    },
    { op: 'ready' },
    { op: 'await-settled' },
  ],
  checks: [{ id: 'converges', options: { failAs: 'warn' } }, { id: 'target-survives' }],
};
