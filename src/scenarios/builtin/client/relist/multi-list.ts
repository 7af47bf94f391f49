import { ALL_LISTS, CHANGE_EVERY_LIST, EVERY_LIST_CATALOGUE, START, finish, type ScenarioDraft } from '../../../common.js';

export const multiList: ScenarioDraft = {
  id: 'multi-list',
  title: 'Tools, resources and prompts change together',
  description: 'One change to each list, each announced with its own list_changed; each list is re-listed once.',
  catalogue: EVERY_LIST_CATALOGUE,
  steps: [...START, ...CHANGE_EVERY_LIST, ...finish(ALL_LISTS)],
  checks: [{ id: 'one-relist-per-kind' }, { id: 'converges', options: { lists: ALL_LISTS } }, { id: 'target-survives' }],
};
