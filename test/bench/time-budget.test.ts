import { describe, expect, it } from 'vitest';
import { timeBudget } from '../../bench/time-budget.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

describe('timeBudget', () => {
  it('splits wall time into scenario waits, target waits and overhead', () => {
    const trace = new TraceBuilder()
      .wait(100) // spawn: overhead
      .push({ kind: 'step', index: 0, op: 'ready', phase: 'start' }).wait(200)
      .push({ kind: 'step', index: 0, op: 'ready', phase: 'end' })
      .push({ kind: 'step', index: 1, op: 'storm', phase: 'start' }).wait(300)
      .push({ kind: 'step', index: 1, op: 'storm', phase: 'end' })
      .push({ kind: 'step', index: 2, op: 'settle', phase: 'start' }).wait(650)
      .push({ kind: 'settled', quietMs: 500, timedOut: false })
      .push({ kind: 'step', index: 2, op: 'settle', phase: 'end' })
      .push({ kind: 'step', index: 3, op: 'wait-for', phase: 'start' }).wait(1000)
      .push({ kind: 'step', index: 3, op: 'wait-for', phase: 'end', detail: 'timed out' })
      .build();
    expect(timeBudget(trace, 2400)).toEqual({ scenarioWaitMs: 1800, targetWaitMs: 350, overheadMs: 250, wallMs: 2400 });
  });
});
