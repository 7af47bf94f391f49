import { checkById, checkOptions } from '../checks/check-registry.js';
import { readJsonFile } from '../read-json.js';
import { errorMessage, HarnessError } from '../errors.js';
import { type Scenario, ScenarioSchema } from '../model/scenario-schema.js';
import { DEFAULT_OPS, type StepRegistry } from '../steps/op-registry.js';

/** Checks that every check a scenario names exists and accepts its options, so a typo fails before anything runs. */
export function validateChecks(scenario: Scenario, source: string): void {
  for (const [index, ref] of scenario.checks.entries()) {
    let check;
    try {
      check = checkById(ref.id);
    } catch (error) {
      throw new HarnessError('BAD_SCENARIO', `${source}: checks.${index}.id: ${errorMessage(error)}`, (error as HarnessError).hint);
    }
    const parsed = checkOptions(check, ref.options);
    if ('issue' in parsed) throw new HarnessError('BAD_SCENARIO', `${source}: checks.${index}.options.${parsed.issue}`);
    if (parsed.failAs !== undefined && parsed.failAs !== 'warn' && parsed.failAs !== 'fail') {
      throw new HarnessError('BAD_SCENARIO', `${source}: checks.${index}.options.failAs: must be "warn" or "fail"`);
    }
  }
}

/**
 * Validates a scenario: its shape, each step against its op's own schema (defaults filled), and its checks. Errors
 * name the source and the path (`file.json: steps.3.count: …`).
 */
export function parseScenario(value: unknown, source: string, ops: StepRegistry = DEFAULT_OPS): Scenario {
  const parsed = ScenarioSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new HarnessError('BAD_SCENARIO', `${source}: ${lines.join('; ')}`, 'see `mcp-notify-check list scenarios --json` for the shape of a scenario');
  }
  const scenario = parsed.data;
  try {
    scenario.steps = scenario.steps.map((step, index) => ops.parse(step, `steps.${index}`));
  } catch (error) {
    throw new HarnessError('BAD_SCENARIO', `${source}: ${errorMessage(error)}`, (error as HarnessError).hint);
  }
  validateChecks(scenario, source);
  return scenario;
}

/** Loads a user scenario from a JSON file, validated by the same schemas as the built-ins. */
export async function loadScenarioFile(path: string, ops: StepRegistry = DEFAULT_OPS): Promise<Scenario> {
  return parseScenario(await readJsonFile(path, 'BAD_SCENARIO', 'scenario file'), path, ops);
}
