import type { ScenarioInput } from '../schema.js';
import { BASE_TOOLS, finish, START } from '../common.js';

const CHECKS = [{ id: 'relist-after-notify' }, { id: 'converges' }, { id: 'target-survives' }];

export const refreshOnAdd: ScenarioInput = {
  id: 'refresh-on-add',
  title: 'Refresh on add',
  description: 'A tool is added and announced; the target re-lists and shows it.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, { op: 'add', item: 'tools', value: { name: 'delta' } }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: CHECKS,
};

export const refreshOnRemove: ScenarioInput = {
  id: 'refresh-on-remove',
  title: 'Refresh on remove',
  description: 'A tool is removed and announced; the target re-lists and stops showing it.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, { op: 'remove', item: 'tools', key: 'beta' }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: CHECKS,
};
