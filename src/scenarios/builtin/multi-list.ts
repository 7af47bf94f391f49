import type { ScenarioInput } from '../schema.js';
import { ALL_LISTS, BASE_TOOLS, START, finish } from '../common.js';

export const multiList: ScenarioInput = {
  id: 'multi-list',
  title: 'Tools, resources and prompts change together',
  description: 'One change to each list, each announced with its own list_changed; each list is re-listed once.',
  catalogue: {
    tools: BASE_TOOLS,
    resources: [{ uri: 'mock://docs/one', name: 'one' }],
    prompts: [{ name: 'greet' }],
  },
  steps: [
    ...START,
    { op: 'add', item: 'tools', value: { name: 'delta' } },
    { op: 'add', item: 'resources', value: { uri: 'mock://docs/two', name: 'two' } },
    { op: 'add', item: 'prompts', value: { name: 'farewell' } },
    ...ALL_LISTS.map((list) => ({ op: 'notify' as const, list })),
    ...finish(ALL_LISTS),
  ],
  checks: [{ id: 'one-relist-per-kind' }, { id: 'converges', options: { lists: ALL_LISTS } }, { id: 'target-survives' }],
};
