import { z } from 'zod';
import { HarnessError } from '../errors.js';
import { matchNames } from '../checks/support/names.js';
import { CHANGED_METHOD, LIST_METHOD, ListKindSchema, listOfMethod, probeMarkerOf } from '../model/words.js';
import type { TraceEvent } from '../trace/events.js';
import { settle } from '../trace/settle.js';
import { defineOp, pause, plusWindowSchema, type StepContext, windowExtra } from './op.js';
import { methodOf, MIN_PACED_MS, paced, PENDING_WORK_MS, pendingWork, viewsCurrent } from './pace.js';

export const ms = z.number().min(0).max(120_000);

type Predicate = (event: TraceEvent) => boolean;

/** Journal events a `wait-for` step can wait on. */
export const WaitEventSchema = z.enum([
  'initialized',
  'list-request',
  'list-served',
  'response-held',
  'standalone-stream',
  'initialize-request',
  'target-view',
  'listen-stream',
  'listen-opened',
  'probe-listed',
  'gateway-list',
  'gateway-acted',
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
  // 2026-07-28: a listen stream the mock acknowledged, i.e. one that can carry notifications from now on.
  'listen-stream': () => (e) => e.kind === 'listen-acknowledged' && e.delivered,
  'listen-opened': () => (e) => e.kind === 'listen-opened',
  // Gateway mode: the probe (the gateway's user) was told of a change and its list came back.
  'probe-listed': () => (e) => e.kind === 'probe-list' && e.reason === 'notification',
  // Gateway mode: the gateway acted on a change to `method`'s list: it told its users, or listed that list on its own.
  'gateway-acted': (method) => {
    const list = listOfMethod(method ?? 'tools/list') ?? 'tools';
    const listed = WAIT_PREDICATES['gateway-list'](LIST_METHOD[list]);
    return (e) => (e.kind === 'probe-notification' && e.method === CHANGED_METHOD[list]) || listed(e);
  },
  // Gateway mode: the gateway lists the upstream on its own (a first page without the probe's marker: not its users'
  // list passed through). A gateway that rebuilds requests drops the marker, so its users' lists count too.
  'gateway-list': (method) => (e) =>
    e.kind === 'frame-received' && methodOf(e) === (method ?? 'tools/list') && probeMarkerOf(e.message) === undefined &&
    (e.message as { params?: { cursor?: unknown } }).params?.cursor === undefined,
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
    /** Count events from this step (default), or from the scenario's last `hold` step: an answer held before now counts. */
    since: z.enum(['step', 'hold']).default('step'),
  }),
  run: async ({ journal, signal }, step) => {
    const predicate = WAIT_PREDICATES[step.event](step.method);
    const timeoutMs = step.paced ? paced(journal, MIN_PACED_MS, step.timeoutMs).ms : step.timeoutMs;
    const hold = step.since === 'hold' ? journal.ofKind('step').filter((event) => event.op === 'hold' && event.phase === 'start').at(-1) : undefined;
    const wait = { timeoutMs, fromSeq: hold?.seq ?? journal.size, count: step.count, signal };
    const found = await journal.waitFor(predicate, wait);
    if (found) return { detail: `seq ${found.seq}` };
    if (step.optional || signal.aborted) return { detail: 'timed out' };
    // The scenario needed it and the target did not do it: go on, and let the checks say what could not be tested.
    return { detail: `the target did not: waited ${timeoutMs} ms for ${step.count} × ${step.event}` };
  },
  // An optional wait often runs to its bound (nothing was meant to happen); a required one ends on the event.
  expectedMs: (step) => (step.optional ? step.timeoutMs : 0),
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
      // What reached the target last: a delivery, or the replay of a stored notification on a resumed stream.
      const delivered = journal.ofKind('notification').filter((e) => e.delivered && e.method === CHANGED_METHOD[list]).at(-1);
      const replayed = journal.ofKind('frame-sent').filter((e) => e.replay === true && methodOf(e) === CHANGED_METHOD[list]).at(-1);
      const note = (replayed?.seq ?? -1) > (delivered?.seq ?? -1) ? replayed : delivered;
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
    timeoutMs: ms.default(5_000),
    quietMs: ms.default(150),
  }),
  run: async ({ journal, signal }, step) => {
    const begun = journal.clock.now();
    const staged = (how: 'view' | 'wire' | 'serialised' | 'unconfirmed') =>
      journal.append({ kind: 'race-staged', how, waitedMs: Math.round(journal.clock.now() - begun) });
    const held = journal.ofKind('response-held').filter((e) => e.method === step.method).at(-1);
    const served = journal.ofKind('list-served').filter((e) => e.method === step.method && e.seq > (held?.seq ?? Infinity)).at(-1);
    if (!served) {
      staged('serialised');
      return { detail: 'nothing served during the race' };
    }
    // A target that reports its view is waited for until a report shows the fresh answer applied: a loaded machine
    // cannot then release the stale answer first. Only a target that never reports is judged from the wire.
    if (journal.ofKind('target-view').length > 0) {
      const list = listOfMethod(step.method);
      const shows = (e: TraceEvent) => e.kind === 'target-view' && e.list === list && matchNames({ shown: e.names, current: served.keys }).current;
      const view = await journal.waitFor(shows, { timeoutMs: step.timeoutMs, fromSeq: served.seq, signal });
      staged(view ? 'view' : 'unconfirmed');
      return { detail: view ? `applied: view report seq ${view.seq}` : `the fresh answer was not shown applied within ${step.timeoutMs} ms` };
    }
    const quiet = await settle(journal, step.quietMs, step.timeoutMs, signal);
    staged('wire');
    return { detail: quiet ? `no view report; the wire was quiet ${step.quietMs} ms` : 'no view report; the wire never went quiet' };
  },
  budget: 'target',
});

/** Waits until the wire has been quiet for `quietMs` (bounded by `maxMs`). */
export const settleOp = defineOp({
  op: 'settle',
  schema: z.object({ op: z.literal('settle'), quietMs: ms.default(500), maxMs: ms.default(10_000), plusWindow: plusWindowSchema }),
  run: async (ctx, step) => {
    const { journal, signal, target } = ctx;
    const polling = () => target?.probe?.polling() ?? false;
    const extra = windowExtra(ctx, step);
    return { detail: (await settle(journal, step.quietMs + extra, step.maxMs + extra, signal, polling)) ? 'quiet' : 'not quiet (capped)' };
  },
  expectedMs: (step) => step.quietMs,
  // Only the final quiet period is by design; the time budget splits the rest off as the target still talking.
  budget: 'scenario',
});

/**
 * Ends the cell's observation on evidence: once the wire has been quiet for a period derived from the target's own pace
 * (`PACE_FACTOR` times its fastest reaction, within [minQuietMs, maxQuietMs]; maxQuietMs while it has not reacted), or
 * only `currentQuietMs` once its view reports show every list as the catalogue has it now; bounded by `maxMs`. A fast
 * target is done in a tenth of a second; a slow or debouncing one gets the quiet it needs.
 */
export const awaitSettledOp = defineOp({
  op: 'await-settled',
  schema: z.object({
    op: z.literal('await-settled'),
    minQuietMs: ms.default(MIN_PACED_MS),
    maxQuietMs: ms.default(500),
    currentQuietMs: ms.default(50),
    maxMs: ms.default(10_000),
  }),
  run: async ({ journal, mock, signal, target }, step) => {
    const polling = () => target?.probe?.polling() ?? false;
    // Asked again at every wire event: a target that lists or reports while this step runs has set its pace by then.
    const derive = () => {
      if (viewsCurrent(journal, mock)) return { ms: step.currentQuietMs, why: 'its view is current' };
      const pending = pendingWork(journal);
      if (pending) return { ms: Math.max(step.maxQuietMs, PENDING_WORK_MS), why: pending };
      const { ms: quietMs, pace } = paced(journal, step.minQuietMs, Math.max(step.minQuietMs, step.maxQuietMs));
      return { ms: quietMs, why: pace === undefined ? 'the target has not reacted' : `the target's pace ${pace.toFixed(1)} ms` };
    };
    let last = derive();
    const quiet = await settle(journal, () => (last = derive()).ms, step.maxMs, signal, polling);
    return { detail: `${quiet ? 'quiet' : 'not quiet (capped)'} ${last.ms} ms (${last.why})` };
  },
  budget: 'scenario',
});

/** A fixed wait: only where the scenario's timing is the point (probing a debounce window). */
export const sleepOp = defineOp({
  op: 'sleep',
  schema: z.object({ op: z.literal('sleep'), ms, plusWindow: plusWindowSchema }),
  run: async (ctx, step) => {
    const { signal, debounceMs } = ctx;
    const wait = step.ms + windowExtra(ctx, step);
    await pause(wait, signal);
    return step.plusWindow ? { detail: `${wait} ms (${debounceMs === undefined ? 'no window declared' : `${debounceMs} ms window declared`})` } : {};
  },
  expectedMs: (step) => step.ms,
  budget: 'scenario',
});
