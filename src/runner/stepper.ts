import type { StepShape } from '../model/scenario-schema.js';
import type { StepContext } from '../steps/op.js';
import { DEFAULT_OPS, type StepRegistry } from '../steps/op-registry.js';

/**
 * Runs the steps in order through their records, journaling each one's start and end (with its detail). A step that
 * halts (the target never became ready) ends the steps: the cell is then judged on what happened.
 */
export async function runSteps(
  base: Omit<StepContext, 'runNested'>,
  steps: readonly StepShape[],
  ops: StepRegistry = DEFAULT_OPS,
): Promise<void> {
  const ctx = ops.context(base);
  for (const [index, step] of steps.entries()) {
    ctx.journal.append({ kind: 'step', index, op: step.op, phase: 'start' });
    const { detail, halt } = await ops.run(ctx, step);
    ctx.journal.append({ kind: 'step', index, op: step.op, phase: 'end', ...(detail ? { detail } : {}) });
    if (halt) return;
  }
}
