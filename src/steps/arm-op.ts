import { z } from 'zod';
import { StepShapeSchema } from '../model/scenario-schema.js';
import { defineOp } from './op.js';
import { methodOf } from './pace.js';

/** Moments an `arm` step can trigger on, synchronously inside the journal. */
export const ArmTriggerSchema = z.enum(['initialize-response', 'initialized']);

/**
 * Runs `then` (synchronous ops only) the moment `on` shows up on the journal, before any other I/O: how a scenario
 * announces a change in the same tick as the initialize response leaves.
 */
export const armOp = defineOp({
  op: 'arm',
  schema: z.object({ op: z.literal('arm'), on: ArmTriggerSchema, then: z.array(StepShapeSchema).min(1) }),
  nested: (step) => ({ path: 'then', steps: step.then }),
  tag: (step, _token, tagNested) => ({ ...step, then: step.then.map((action) => tagNested(action) as typeof action) }),
  run: (ctx, step) => {
    const initializeIds = new Set<string>();
    const idOf = (event: { session?: string | undefined; message: unknown }) =>
      `${event.session ?? ''}:${String((event.message as { id?: unknown }).id)}`;
    const unsubscribe = ctx.journal.subscribe((event) => {
      let fire = false;
      if (step.on === 'initialized') fire = event.kind === 'session-initialized';
      else if (event.kind === 'frame-received' && methodOf(event) === 'initialize') initializeIds.add(idOf(event));
      else if (event.kind === 'frame-sent') fire = initializeIds.has(idOf(event));
      if (!fire) return;
      unsubscribe();
      for (const action of step.then) void ctx.runNested(action);
    });
    ctx.signal.addEventListener('abort', unsubscribe, { once: true });
    return { detail: `armed on ${step.on}` };
  },
});
