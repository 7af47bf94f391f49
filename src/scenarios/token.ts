import { randomBytes } from 'node:crypto';
import type { Scenario } from './schema.js';
import type { Step } from './steps.js';

/** A token unique to one cell, put into every upstream name so the probe can recognise them behind renaming. */
export function newToken(): string {
  return `nc${randomBytes(3).toString('hex')}`;
}

function tag(item: string, key: string, token: string): string {
  return item === 'resources' ? key.replace(/^mock:\/\//, `mock://${token}/`) : `${token}_${key}`;
}

function tagValue(item: string, value: Record<string, unknown>, token: string): Record<string, unknown> {
  const field = item === 'resources' ? 'uri' : item === 'resourceTemplates' ? 'uriTemplate' : 'name';
  const key = value[field];
  return typeof key === 'string' ? { ...value, [field]: tag(item, key, token) } : value;
}

function tagStep(step: Step, token: string): Step {
  switch (step.op) {
    case 'add':
      return { ...step, value: tagValue(step.item, step.value, token) };
    case 'remove':
    case 'update':
      return { ...step, key: tag(step.item, step.key, token) };
    case 'storm':
      return { ...step, prefix: `${token}_storm` };
    case 'arm':
      return { ...step, then: step.then.map((action) => tagStep(action, token) as typeof action) };
    default:
      return step;
  }
}

/** The scenario with every tool, prompt and resource name carrying the token. */
export function tokenize(scenario: Scenario, token: string): Scenario {
  const c = scenario.catalogue;
  return {
    ...scenario,
    catalogue: {
      tools: c.tools.map((tool) => ({ ...tool, name: tag('tools', tool.name, token) })),
      prompts: c.prompts.map((prompt) => ({ ...prompt, name: tag('prompts', prompt.name, token) })),
      resources: c.resources.map((resource) => ({ ...resource, uri: tag('resources', resource.uri, token) })),
      resourceTemplates: c.resourceTemplates,
    },
    steps: scenario.steps.map((step) => tagStep(step, token)),
  };
}
