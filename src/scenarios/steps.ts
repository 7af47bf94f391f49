import { z } from 'zod';
import { ItemKindSchema, ListKindSchema } from '../trace/events.js';

const ms = z.number().min(0).max(120_000);

/** Catalogue and notification steps: synchronous, so they can also run inside an `arm` trigger. */
export const ActionStepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), item: ItemKindSchema, value: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('remove'), item: ItemKindSchema, key: z.string().min(1) }),
  z.object({ op: z.literal('update'), item: ItemKindSchema, key: z.string().min(1), patch: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('notify'), list: ListKindSchema }),
  z.object({ op: z.literal('hold'), method: z.string().min(1), count: z.number().int().min(1).optional() }),
  z.object({ op: z.literal('release'), method: z.string().min(1).optional() }),
  z.object({ op: z.literal('terminate-session') }),
  z.object({ op: z.literal('drop-stream') }),
  z.object({ op: z.literal('exit'), code: z.number().int().min(0).max(255).default(1) }),
]);

/** Journal events a `wait-for` step can wait on. */
export const WaitEventSchema = z.enum([
  'initialized',
  'list-request',
  'list-served',
  'response-held',
  'standalone-stream',
  'initialize-request',
  'target-view',
]);

/** Moments an `arm` step can trigger on, synchronously inside the journal. */
export const ArmTriggerSchema = z.enum(['initialize-response', 'initialized']);

export const StepSchema = z.discriminatedUnion('op', [
  ...ActionStepSchema.options,
  z.object({
    op: z.literal('storm'),
    list: ListKindSchema.default('tools'),
    count: z.number().int().min(1).max(10_000),
    intervalMs: ms,
    mutate: z.boolean().default(true),
    /** Name prefix of the items a mutating storm adds (gateway cells put their token here). */
    prefix: z.string().min(1).optional(),
  }),
  /** Gateway mode: the probe (re)connects downstream and lists everything. */
  z.object({ op: z.literal('probe-connect'), timeoutMs: ms.default(15_000) }),
  /** Gateway mode: the probe disconnects (no downstream session exists until probe-connect). */
  z.object({ op: z.literal('probe-disconnect') }),
  /** Gateway mode: the probe lists everything now. */
  z.object({ op: z.literal('probe-list') }),
  /** Gateway mode: waits (bounded) for a downstream list_changed after the last upstream one reached the gateway. */
  z.object({ op: z.literal('await-downstream'), timeoutMs: ms.default(3_000) }),
  /** Ends the upstream side the way the transport allows: http terminates the session, sse drops its stream, stdio exits. */
  z.object({ op: z.literal('teardown') }),
  /** Waits until the target can take an unsolicited notification (initialized; on http the GET stream is open). */
  z.object({ op: z.literal('ready'), timeoutMs: ms.default(15_000) }),
  /** Waits for the `count`-th matching event after this step starts; `optional` makes a timeout a non-event. */
  z.object({
    op: z.literal('wait-for'),
    event: WaitEventSchema,
    method: z.string().optional(),
    count: z.number().int().min(1).default(1),
    timeoutMs: ms.default(5_000),
    optional: z.boolean().default(false),
  }),
  /**
   * Waits (bounded) until each list has been re-listed after its last delivered list_changed: the scenario
   * observes the target's reaction for as long as a check would accept it, and no longer.
   */
  z.object({
    op: z.literal('await-refresh'),
    lists: z.array(ListKindSchema).min(1).default(['tools']),
    timeoutMs: ms.default(3_000),
  }),
  /** Waits until the wire has been quiet for `quietMs` (bounded by `maxMs`). */
  z.object({ op: z.literal('settle'), quietMs: ms.default(500), maxMs: ms.default(10_000) }),
  /** A fixed wait — only where the scenario's timing is the point (probing a debounce window). */
  z.object({ op: z.literal('sleep'), ms }),
  /** Runs `then` the moment `on` happens (inside the journal, before any other I/O). */
  z.object({ op: z.literal('arm'), on: ArmTriggerSchema, then: z.array(ActionStepSchema).min(1) }),
]);

export type Step = z.infer<typeof StepSchema>;
export type StepInput = z.input<typeof StepSchema>;
export type ActionStep = z.infer<typeof ActionStepSchema>;
export type WaitEvent = z.infer<typeof WaitEventSchema>;
