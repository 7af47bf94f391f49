import { DEFAULT_OPS } from '../src/steps/op-registry.js';
import type { Trace } from '../src/trace/trace.js';

/** Where a cell's wall time went, from its trace: what the scenario waits by design versus the rest. */
export interface TimeBudget {
  /** Quiet periods, sleeps, storm schedules and optional waits that ran out: waiting the scenario does by design. */
  scenarioWaitMs: number;
  /** Waiting for the target: its start-up until initialized, and its reaction to changes. */
  targetWaitMs: number;
  /** Everything else: setup, teardown, harness work. */
  overheadMs: number;
  wallMs: number;
}

interface StepSpan {
  op: string;
  startT: number;
  endT: number;
  detail?: string;
}

function spans(trace: Trace): StepSpan[] {
  const open = new Map<number, number>();
  const out: StepSpan[] = [];
  for (const event of trace.events) {
    if (event.kind !== 'step') continue;
    if (event.phase === 'start') open.set(event.index, event.t);
    else {
      const startT = open.get(event.index) ?? event.t;
      out.push({ op: event.op, startT, endT: event.t, ...(event.detail === undefined ? {} : { detail: event.detail }) });
    }
  }
  return out;
}

/** Splits a cell's wall time (`wallMs`, measured by the runner) into scenario waits, target waits and overhead. */
export function timeBudget(trace: Trace, wallMs: number): TimeBudget {
  let scenarioWaitMs = 0;
  let targetWaitMs = 0;
  const settled = trace.events.filter((event) => event.kind === 'settled');
  for (const span of spans(trace)) {
    const took = span.endT - span.startT;
    const budget = DEFAULT_OPS.budget(span.op, span.detail);
    if (span.op === 'settle' || span.op === 'await-settled') {
      // The final quiet period is by design; anything before it was the target still talking.
      const end = settled.find((event) => event.t >= span.startT && event.t <= span.endT);
      const quiet = end && !end.timedOut ? Math.min(took, end.quietMs) : 0;
      scenarioWaitMs += quiet;
      targetWaitMs += took - quiet;
    } else if (budget === 'scenario') scenarioWaitMs += took;
    else if (budget === 'target') targetWaitMs += took;
  }
  return { scenarioWaitMs, targetWaitMs, overheadMs: Math.max(0, wallMs - scenarioWaitMs - targetWaitMs), wallMs };
}
