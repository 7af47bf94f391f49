import { z } from 'zod';
import { HarnessError } from '../errors.js';
import { CHANGED_METHOD, LIST_METHOD, ListKindSchema } from '../model/words.js';
import type { TraceEvent } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import { settle } from '../trace/settle.js';
import { defineOp, pause, type StepContext } from './op.js';

export const ms = z.number().min(0).max(120_000);

type Predicate = (event: TraceEvent) => boolean;

/** The JSON-RPC method of a frame event, if it carries one. */
export function methodOf(event: TraceEvent): string | undefined {
  return 'message' in event ? (event.message as { method?: string } | undefined)?.method : undefined;
}

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
export type WaitEvent = z.infer<typeof WaitEventSchema>;

export const WAIT_PREDICATES: Record<WaitEvent, (method?: string) => Predicate> = {
  'initialized': () => (e) => e.kind === 'session-initialized',
  'initialize-request': () => (e) => e.kind === 'frame-received' && methodOf(e) === 'initialize',
  'list-request': (method) => (e) => e.kind === 'frame-received' && methodOf(e) === (method ?? 'tools/list'),
  'list-served': (method) => (e) => e.kind === 'list-served' && e.method === (method ?? 'tools/list'),
  'response-held': (method) => (e) => e.kind === 'response-held' && (method === undefined || e.method === method),
  'standalone-stream': () => (e) => e.kind === 'stream-opened' && e.role === 'standalone',
  'target-view': () => (e) => e.kind === 'target-view',
};

function needTarget(ctx: StepContext, op: string) {
  if (!ctx.target) throw new HarnessError('NO_TARGET', `the ${op} step needs a running target`, 'use it in a scenario, not through the admin API');
  return ctx.target;
}

/** Waits until the target can take an unsolicited change; what that means is the target's to say. */
export const readyOp = defineOp({
  op: 'ready',
  schema: z.object({ op: z.literal('ready'), timeoutMs: ms.default(15_000) }),
  run: (ctx, step) => needTarget(ctx, 'ready').ready(step.timeoutMs, ctx.signal),
  budget: 'target',
});

/** How many times its own measured reaction time a target gets before a paced wait or quiet period ends. */
export const PACE_FACTOR = 3;

const LIST_METHODS = new Set<string | undefined>(Object.values(LIST_METHOD));

/**
 * The target's pace: how fast it acts on a change, from a delivered list_changed to its next list request, in ms; its
 * fastest such reaction (a later one may have waited on a held answer), or, before any, how long after initializing its
 * session it first listed; undefined while it has not acted at all.
 */
export function paceOf(journal: Journal): number | undefined {
  const lists = journal.ofKind('frame-received').filter((e) => LIST_METHODS.has(methodOf(e)));
  let fastest: number | undefined;
  let next = 0;
  for (const note of journal.ofKind('notification')) {
    if (!note.delivered) continue;
    while (next < lists.length && (lists[next]?.seq ?? Infinity) < note.seq) next += 1;
    const act = lists[next];
    if (act) fastest = Math.min(fastest ?? Infinity, act.t - note.t);
  }
  if (fastest !== undefined) return fastest;
  const start = journal.ofKind('session-initialized').at(-1);
  const act = start && lists.find((e) => e.seq > start.seq);
  return start && act ? act.t - start.t : undefined;
}

/** `PACE_FACTOR` times the target's pace, within [min, max]; `max` while the pace is unknown. */
function paced(journal: Journal, min: number, max: number): { ms: number; pace: number | undefined } {
  const pace = paceOf(journal);
  return { ms: pace === undefined ? max : Math.min(max, Math.max(min, Math.round(PACE_FACTOR * pace))), pace };
}

/** The shortest paced wait: a fast target's reaction still has room (timers, a busy runner). */
export const MIN_PACED_MS = 100;

/**
 * Waits for the `count`-th matching event after this step starts; `optional` makes a timeout a non-event. `paced`
 * bounds the wait by the target's own pace (`PACE_FACTOR` times it, at least `MIN_PACED_MS`, at most `timeoutMs`): a
 * target that acts on a change does so about as fast as it did the last time.
 */
export const waitForOp = defineOp({
  op: 'wait-for',
  schema: z.object({
    op: z.literal('wait-for'),
    event: WaitEventSchema,
    method: z.string().optional(),
    count: z.number().int().min(1).default(1),
    timeoutMs: ms.default(5_000),
    optional: z.boolean().default(false),
    paced: z.boolean().default(false),
  }),
  run: async ({ journal, signal }, step) => {
    const predicate = WAIT_PREDICATES[step.event](step.method);
    const timeoutMs = step.paced ? paced(journal, MIN_PACED_MS, step.timeoutMs).ms : step.timeoutMs;
    const wait = { timeoutMs, fromSeq: journal.size, count: step.count, signal };
    const found = await journal.waitFor(predicate, wait);
    if (found) return { detail: `seq ${found.seq}` };
    if (step.optional || signal.aborted) return { detail: 'timed out' };
    // The scenario needed it and the target did not do it: go on, and let the checks say what could not be tested.
    return { detail: `the target did not: waited ${timeoutMs} ms for ${step.count} × ${step.event}` };
  },
  budget: (detail) => (detail === 'timed out' ? 'scenario' : 'target'),
});

/**
 * Waits (bounded) until each list has been re-listed after its last delivered list_changed: the scenario observes the
 * target's reaction for as long as a check would accept it, and no longer.
 */
export const awaitRefreshOp = defineOp({
  op: 'await-refresh',
  schema: z.object({
    op: z.literal('await-refresh'),
    lists: z.array(ListKindSchema).min(1).default(['tools']),
    timeoutMs: ms.default(3_000),
  }),
  run: async ({ journal, signal }, step) => {
    const outcomes: string[] = [];
    for (const list of step.lists) {
      const note = journal.ofKind('notification').filter((e) => e.delivered && e.method === CHANGED_METHOD[list]).at(-1);
      if (!note) {
        outcomes.push(`${list}: nothing delivered`);
        continue;
      }
      const relist: Predicate = (e) =>
        e.kind === 'frame-received' && methodOf(e) === LIST_METHOD[list] &&
        (e.message as { params?: { cursor?: unknown } }).params?.cursor === undefined;
      const found = await journal.waitFor(relist, { timeoutMs: step.timeoutMs, fromSeq: note.seq, signal });
      outcomes.push(`${list}: ${found ? 're-listed' : 'no re-list'}`);
    }
    return { detail: outcomes.join(', ') };
  },
  budget: 'target',
});

/**
 * Stages a race deterministically: if an answer to `method` was served while another was held, waits until the target
 * has applied it (a view report after it, bounded by `timeoutMs`; a target without view reports gets the wire quiet
 * for `quietMs`) before the scenario releases the held, stale answer. Which answer a target shows last then depends on
 * its logic alone, never on which of two answers sent a tenth of a millisecond apart it happened to process last.
 */
export const awaitAppliedOp = defineOp({
  op: 'await-applied',
  schema: z.object({
    op: z.literal('await-applied'),
    method: z.string().min(1).default('tools/list'),
    timeoutMs: ms.default(1_000),
    quietMs: ms.default(150),
  }),
  run: async ({ journal, signal }, step) => {
    const held = journal.ofKind('response-held').filter((e) => e.method === step.method).at(-1);
    const served = journal.ofKind('list-served').filter((e) => e.method === step.method && e.seq > (held?.seq ?? Infinity)).at(-1);
    if (!served) return { detail: 'nothing served during the race' };
    const view = await journal.waitFor((e) => e.kind === 'target-view', { timeoutMs: step.timeoutMs, fromSeq: served.seq, signal });
    if (view) return { detail: `applied: view report seq ${view.seq}` };
    const quiet = await settle(journal, step.quietMs, step.timeoutMs, signal);
    return { detail: quiet ? `no view report; the wire was quiet ${step.quietMs} ms` : 'no view report; the wire never went quiet' };
  },
  budget: 'target',
});

/** Waits until the wire has been quiet for `quietMs` (bounded by `maxMs`). */
export const settleOp = defineOp({
  op: 'settle',
  schema: z.object({ op: z.literal('settle'), quietMs: ms.default(500), maxMs: ms.default(10_000) }),
  run: async ({ journal, signal, target }, step) => {
    const polling = () => target?.probe?.polling() ?? false;
    return { detail: (await settle(journal, step.quietMs, step.maxMs, signal, polling)) ? 'quiet' : 'not quiet (capped)' };
  },
  // Only the final quiet period is by design; the time budget splits the rest off as the target still talking.
  budget: 'scenario',
});

/**
 * Ends the cell's observation on evidence: once the wire has been quiet for a period derived from the target's own pace
 * (`PACE_FACTOR` times its last reaction, within [minQuietMs, maxQuietMs]; maxQuietMs while it has not reacted), bounded
 * by `maxMs`. A fast target is done in a tenth of a second; a slow or debouncing one gets the quiet it needs.
 */
export const awaitSettledOp = defineOp({
  op: 'await-settled',
  schema: z.object({
    op: z.literal('await-settled'),
    minQuietMs: ms.default(MIN_PACED_MS),
    maxQuietMs: ms.default(500),
    maxMs: ms.default(10_000),
  }),
  run: async ({ journal, signal, target }, step) => {
    const polling = () => target?.probe?.polling() ?? false;
    // Asked again at every wire event: a target that lists while this step runs has set its pace by then.
    let last = paced(journal, step.minQuietMs, Math.max(step.minQuietMs, step.maxQuietMs));
    const quietMs = () => (last = paced(journal, step.minQuietMs, Math.max(step.minQuietMs, step.maxQuietMs))).ms;
    const quiet = await settle(journal, quietMs, step.maxMs, signal, polling);
    const why = last.pace === undefined ? 'the target has not reacted' : `the target's pace ${last.pace.toFixed(1)} ms`;
    return { detail: `${quiet ? 'quiet' : 'not quiet (capped)'} ${last.ms} ms (${why})` };
  },
  budget: 'scenario',
});

/** A fixed wait: only where the scenario's timing is the point (probing a debounce window). */
export const sleepOp = defineOp({
  op: 'sleep',
  schema: z.object({ op: z.literal('sleep'), ms }),
  run: async ({ signal }, step) => {
    await pause(step.ms, signal);
    return {};
  },
  budget: 'scenario',
});
