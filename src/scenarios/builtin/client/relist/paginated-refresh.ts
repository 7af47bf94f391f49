import { finish, START, type ScenarioDraft } from '../../../common.js';

export const paginatedRefresh: ScenarioDraft = {
  id: 'paginated-refresh',
  title: 'Paginated refresh',
  description: 'The tool list spans three pages of two; the change lands on the last page. The refresh must read every page.',
  catalogue: { tools: ['t1', 't2', 't3', 't4', 't5'].map((name) => ({ name })) },
  pageSize: 2,
  steps: [...START, { op: 'add', item: 'tools', value: { name: 't6-late-page' } }, { op: 'notify', list: 'tools' }, ...finish()],
  checks: [{ id: 'follows-pagination' }, { id: 'converges' }, { id: 'target-survives' }],
};
