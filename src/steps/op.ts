import { z } from 'zod';
import type { MockServer } from '../mock-server/mock-server.js';
import type { ListKind, TransportKind } from '../model/words.js';
import type { Journal } from '../trace/journal.js';

/** The downstream probe a gateway target offers to probe steps. */
export interface StepProbe {
  /**
   * Connects (retrying while the gateway starts, bounded by `timeoutMs`), runs setup once, lists everything; a gateway
   * that never accepts the probe halts the cell.
   */
  connect(timeoutMs: number, signal: AbortSignal): Promise<Outcome>;
  disconnect(reason: string): Promise<void>;
  listAll(reason: 'step'): Promise<void>;
  /** Calls an upstream tool through the gateway, as a user does; journaled, never throws. */
  callUpstreamTool(): Promise<void>;
  /** True while the probe's own periodic poll is in flight (its traffic is not the gateway's). */
  polling(): boolean;
}

/** The server under test, as server steps use it (server mode). */
export interface StepServer {
  /**
   * Changes the server `times` times back to back: through probe A's calls of the change tool, or by running the change
   * command outside any request. Each change is journaled; a failed one ends the series.
   */
  change(via: 'tool' | 'command', times: number): Promise<Outcome>;
  /** 2026-07-28: probe A opens one more listen stream, for `lists` only. */
  listen(lists: readonly ListKind[]): Promise<Outcome>;
  /**
   * Streamable HTTP: session R's GET stream is told of a change, dropped, the server changed while it is down, then
   * re-opened with Last-Event-ID, and the server changed once more (each change through R's own call of the tool).
   */
  resume(signal: AbortSignal): Promise<Outcome>;
  /**
   * Streamable HTTP: session S, whose every SSE stream the harness reads itself, opens its GET stream and calls the change
   * tool (a POST answered with an event stream in flight while the server announces).
   */
  streams(signal: AbortSignal): Promise<Outcome>;
  /** Stops the server the harness started (SIGTERM) while its sessions' streams are open, and waits (bounded) for it to exit. */
  stop(): Promise<Outcome>;
  /** Lists every list again on one probe's session (named A, B, C). */
  relist(probe: string): Promise<void>;
}

/** What steps may ask of the running target: the target decides what "ready" means for it. */
export interface StepTarget {
  /**
   * Waits (bounded) until the target can take an unsolicited change. A target that never gets there halts the cell's
   * steps (it is then judged on what happened, e.g. `target-connects` fails), it does not abort the run.
   */
  ready(timeoutMs: number, signal: AbortSignal): Promise<Outcome>;
  /** Present when the target has a downstream probe (gateway mode). */
  readonly probe?: StepProbe;
  /** Present when the target is a server the harness can change (server mode). */
  readonly server?: StepServer;
}

/** Everything a step may touch. `target` is absent where no target runs (the admin API of `serve`). */
export interface StepContext {
  mock: MockServer;
  journal: Journal;
  transport: TransportKind;
  /** Aborted when the target exits or the run is interrupted: waits end early. */
  signal: AbortSignal;
  target?: StepTarget;
  /**
   * The refresh window the user declared for the target (`--debounce`): a wait marked `plusWindow` adds it, so that it
   * outlasts the target's own debounce or rate limit.
   */
  debounceMs?: number;
  /** Runs a nested step (an `arm` trigger's actions) through the same registry. */
  runNested(step: unknown): Outcome | Promise<Outcome>;
}

/** A wait's `plusWindow` switch: when set, the wait adds the window the user declared (`StepContext.debounceMs`). */
export const plusWindowSchema = z.boolean().default(false);

/** What `plusWindow` adds to a wait: the declared window when the step asks for it, else nothing. */
export function windowExtra(ctx: Pick<StepContext, 'debounceMs'>, step: { plusWindow: boolean }): number {
  return step.plusWindow ? (ctx.debounceMs ?? 0) : 0;
}

/** What a step did: a short detail for the journal and, for the admin API, a JSON reply. */
export interface Outcome {
  detail?: string;
  reply?: Record<string, unknown>;
  /** The cell cannot go on (the target never became ready): skip the remaining steps and judge what happened. */
  halt?: boolean;
}

/** Where a step's time goes in the time budget: waiting by design, or waiting for the target. */
export type Budget = 'scenario' | 'target';

/** One step op: its schema (bounds and defaults), how it runs, how it is tagged, and how its time is accounted. */
export interface StepOp<S extends z.ZodType<{ op: string }> = z.ZodType<{ op: string }>> {
  op: string;
  /** Validates a step of this op; the same schema serves scenario files, built-ins and the admin API. */
  schema: S;
  /** Runs synchronously (no waiting): such an op may run inside an `arm` trigger. */
  sync?: boolean;
  run(ctx: StepContext, step: z.infer<S>): Outcome | Promise<Outcome>;
  /** Puts the gateway cell's token into the names this step creates or addresses. */
  tag?(step: z.infer<S>, token: string, tagNested: (step: unknown) => unknown): z.infer<S>;
  /** Nested steps to validate with the registry (an `arm` step's actions), with their path. */
  nested?(step: z.infer<S>): { path: string; steps: unknown[] };
  /**
   * What the step waits by design (a sleep, an optional wait's bound, a storm's schedule, a settle's quiet), before the
   * target has a say: the plan's ordering hint, so that with several jobs the long cells start first. Absent: nothing.
   */
  expectedMs?(step: z.infer<S>): number;
  /** Time accounting; a function sees the step's journaled detail. Absent: harness overhead. */
  budget?: Budget | ((detail: string | undefined) => Budget);
}

/** Declares a step op with its step type inferred from the schema. */
export function defineOp<S extends z.ZodType<{ op: string }>>(op: StepOp<S>): StepOp<S> {
  return op;
}

/** Waits `ms` unless `signal` aborts first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
