import { BASE_TOOLS, finish, START, type ScenarioDraft } from '../common.js';

const CHECKS = [{ id: 'relist-after-notify' }, { id: 'converges' }, { id: 'target-survives' }];

export const refreshOnAdd: ScenarioDraft = {
  id: 'refresh-on-add',
  title: 'Refresh on add',
  description: 'A tool is added and announced; the target re-lists and shows it.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, { op: 'add', item: 'tools', value: { name: 'delta' } }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: CHECKS,
};

export const refreshOnRemove: ScenarioDraft = {
  id: 'refresh-on-remove',
  title: 'Refresh on remove',
  description: 'A tool is removed and announced; the target re-lists and stops showing it.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, { op: 'remove', item: 'tools', key: 'beta' }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: CHECKS,
};
