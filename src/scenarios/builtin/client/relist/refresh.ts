import { BASE_TOOLS, CONTROL, finish, START, type ScenarioDraft } from '../../../common.js';

const CHECKS = [{ id: 'relist-after-notify' }, { id: 'converges' }, { id: 'target-survives' }];

export const refreshOnAdd: ScenarioDraft = {
  id: 'refresh-on-add',
  title: 'Refresh on add',
  description: 'After a notification-free control window, a tool is added and announced; the target re-lists because of it and shows it.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, ...CONTROL, { op: 'add', item: 'tools', value: { name: 'delta' } }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: CHECKS,
};

export const refreshOnRemove: ScenarioDraft = {
  id: 'refresh-on-remove',
  title: 'Refresh on remove',
  description: 'After a notification-free control window, a tool is removed and announced; the target re-lists because of it and stops showing it.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, ...CONTROL, { op: 'remove', item: 'tools', key: 'beta' }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: CHECKS,
};
