import { HarnessError } from '../errors.js';
import type { MockServer } from '../mock-server/mock-server.js';
import type { ActionStep, Step, WaitEvent } from '../scenarios/steps.js';
import type { TraceEvent, TransportKind } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import { CHANGED_METHOD, LIST_METHOD } from '../trace/queries.js';
import type { Probe } from '../targets/probe.js';
import { connectProbe, runGatewayStep } from './gateway-steps.js';
import { settle } from './settle.js';
import { type WaitOptions, waitForEvent } from './wait.js';

/** How long `ready` waits for an http client's standalone stream after initialized before going on without it. */
export const STANDALONE_STREAM_WAIT_MS = 3_000;

export interface StepContext {
  mock: MockServer;
  journal: Journal;
  transport: TransportKind;
  /** Aborted when the target exits or the run is interrupted: waits end early. */
  signal: AbortSignal;
  /** Gateway mode: the downstream probe client. */
  probe?: Probe;
  /** Gateway mode: how long the gateway may take to accept a downstream session. */
  startupTimeoutMs?: number;
  /** Gateway mode: the setup hook, run once the gateway accepts downstream sessions. */
  gatewayUp?: () => Promise<void>;
}

/** In gateway mode an upstream session may open lazily (on the first downstream session); wait this long for it. */
export const UPSTREAM_SESSION_WAIT_MS = 5_000;

type Predicate = (event: TraceEvent) => boolean;

function methodOf(event: TraceEvent): string | undefined {
  return 'message' in event ? (event.message as { method?: string } | undefined)?.method : undefined;
}

/** Waits on the cell's journal, ending early when the cell's signal aborts. */
function waitFor(ctx: StepContext, predicate: Predicate, options: WaitOptions) {
  return waitForEvent(ctx.journal, ctx.signal, predicate, options);
}

const WAIT_PREDICATES: Record<WaitEvent, (method?: string) => Predicate> = {
  'initialized': () => (e) => e.kind === 'session-initialized',
  'initialize-request': () => (e) => e.kind === 'frame-received' && methodOf(e) === 'initialize',
  'list-request': (method) => (e) => e.kind === 'frame-received' && methodOf(e) === (method ?? 'tools/list'),
  'list-served': (method) => (e) => e.kind === 'list-served' && e.method === (method ?? 'tools/list'),
  'response-held': (method) => (e) => e.kind === 'response-held' && (method === undefined || e.method === method),
  'standalone-stream': () => (e) => e.kind === 'stream-opened' && e.role === 'standalone',
  'target-view': () => (e) => e.kind === 'target-view',
};

/** Applies one synchronous action to the mock. */
export function applyAction(mock: MockServer, step: ActionStep): string | undefined {
  switch (step.op) {
    case 'add':
      return `revision ${mock.add(step.item, step.value as never)}`;
    case 'remove':
      return `revision ${mock.remove(step.item, step.key)}`;
    case 'update':
      return `revision ${mock.update(step.item, step.key, step.patch)}`;
    case 'notify': {
      const deliveries = mock.notify(step.list);
      return `${deliveries.filter((d) => d.delivered).length}/${deliveries.length} delivered`;
    }
    case 'hold':
      mock.hold(step.method, step.count);
      return undefined;
    case 'release':
      return `${mock.release(step.method)} released`;
    case 'terminate-session':
      return `ended ${mock.terminateSession().length}`;
    case 'drop-stream':
      return `dropped ${mock.dropStream().length}`;
    case 'exit':
      return `exited ${mock.exitProcess(step.code).length}`;
  }
}

/** Runs `then` synchronously, once, the moment the trigger shows up on the journal. */
function arm(ctx: StepContext, step: Extract<Step, { op: 'arm' }>): string {
  const initializeIds = new Set<string>();
  const unsubscribe = ctx.journal.subscribe((event) => {
    let fire = false;
    if (step.on === 'initialized') fire = event.kind === 'session-initialized';
    else if (event.kind === 'frame-received' && methodOf(event) === 'initialize') {
      initializeIds.add(`${event.session ?? ''}:${String((event.message as { id?: unknown }).id)}`);
    } else if (event.kind === 'frame-sent') {
      fire = initializeIds.has(`${event.session}:${String((event.message as { id?: unknown }).id)}`);
    }
    if (!fire) return;
    unsubscribe();
    for (const action of step.then) applyAction(ctx.mock, action);
  });
  ctx.signal.addEventListener('abort', unsubscribe, { once: true });
  return `armed on ${step.on}`;
}

/** Executes one step; returns a detail for the journal. Waits that time out are a HarnessError unless optional. */
export async function runStep(ctx: StepContext, step: Step): Promise<string | undefined> {
  const fromSeq = ctx.journal.size;
  switch (step.op) {
    case 'storm': {
      const { count, intervalMs, mutate, list, prefix } = step;
      await ctx.mock.storm({ count, intervalMs, mutate, list, signal: ctx.signal, ...(prefix ? { prefix } : {}) });
      return `${count} notifications`;
    }
    case 'ready': {
      if (ctx.probe) {
        await connectProbe(ctx, ctx.startupTimeoutMs ?? step.timeoutMs);
        const upstream = await waitFor(ctx, WAIT_PREDICATES.initialized(), { timeoutMs: UPSTREAM_SESSION_WAIT_MS, fromSeq: 0 });
        return upstream ? 'probe connected, gateway connected upstream' : 'probe connected, no upstream session yet';
      }
      const initialized = await waitFor(ctx, WAIT_PREDICATES.initialized(), { timeoutMs: step.timeoutMs, fromSeq: 0 });
      if (!initialized) {
        if (ctx.signal.aborted) return 'target gone';
        throw new HarnessError('TARGET_NOT_READY', `the target did not initialize an MCP session within ${step.timeoutMs} ms`);
      }
      if (ctx.transport !== 'http') return 'initialized';
      const stream = await waitFor(ctx, WAIT_PREDICATES['standalone-stream'](), {
        timeoutMs: STANDALONE_STREAM_WAIT_MS,
        fromSeq: 0,
      });
      return stream ? 'initialized, standalone stream open' : 'initialized, no standalone stream';
    }
    case 'wait-for': {
      const predicate = WAIT_PREDICATES[step.event](step.method);
      const found = await waitFor(ctx, predicate, { timeoutMs: step.timeoutMs, fromSeq, count: step.count });
      if (found) return `seq ${found.seq}`;
      if (step.optional || ctx.signal.aborted) return 'timed out';
      throw new HarnessError('WAIT_TIMEOUT', `waited ${step.timeoutMs} ms for ${step.count} × ${step.event} and it did not happen`);
    }
    case 'await-refresh': {
      const outcomes: string[] = [];
      for (const list of step.lists) {
        const note = ctx.journal.ofKind('notification').filter((e) => e.delivered && e.method === CHANGED_METHOD[list]).at(-1);
        if (!note) {
          outcomes.push(`${list}: nothing delivered`);
          continue;
        }
        const relist: Predicate = (e) =>
          e.kind === 'frame-received' && methodOf(e) === LIST_METHOD[list] &&
          (e.message as { params?: { cursor?: unknown } }).params?.cursor === undefined;
        const found = await waitFor(ctx, relist, { timeoutMs: step.timeoutMs, fromSeq: note.seq });
        outcomes.push(`${list}: ${found ? 're-listed' : 'no re-list'}`);
      }
      return outcomes.join(', ');
    }
    case 'settle':
      return (await settle(ctx.journal, step.quietMs, step.maxMs, ctx.signal)) ? 'quiet' : 'not quiet (capped)';
    case 'sleep':
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, step.ms);
        const abort = () => {
          clearTimeout(timer);
          resolve();
        };
        ctx.signal.addEventListener('abort', abort, { once: true });
      });
      return undefined;
    case 'arm':
      return arm(ctx, step);
    case 'probe-connect':
    case 'probe-disconnect':
    case 'probe-list':
    case 'await-downstream':
    case 'teardown':
      return runGatewayStep(ctx, step);
    default:
      return applyAction(ctx.mock, step);
  }
}

/** Runs the steps in order, journaling each one's start and end. */
export async function runSteps(ctx: StepContext, steps: readonly Step[]): Promise<void> {
  for (const [index, step] of steps.entries()) {
    ctx.journal.append({ kind: 'step', index, op: step.op, phase: 'start' });
    const detail = await runStep(ctx, step);
    ctx.journal.append({ kind: 'step', index, op: step.op, phase: 'end', ...(detail ? { detail } : {}) });
  }
}
