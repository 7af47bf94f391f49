import { tagKey } from '../model/words.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { StepRegistry } from './op-registry.js';

/** The scenario with the cell's token in every tool, prompt and resource name, in its catalogue and in its steps. */
export function tokenize(scenario: Scenario, token: string, ops: StepRegistry): Scenario {
  const c = scenario.catalogue;
  return {
    ...scenario,
    catalogue: {
      tools: c.tools.map((tool) => ({ ...tool, name: tagKey('tools', tool.name, token) })),
      prompts: c.prompts.map((prompt) => ({ ...prompt, name: tagKey('prompts', prompt.name, token) })),
      resources: c.resources.map((resource) => ({ ...resource, uri: tagKey('resources', resource.uri, token) })),
      resourceTemplates: c.resourceTemplates,
    },
    steps: scenario.steps.map((step) => ops.tag(step, token)),
  };
}
