import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/types.js';
import { evaluateCheck } from '../../src/checks/registry.js';
import { judge, timingFailed } from '../../src/report/judge.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const result = (id: string, message: string): CheckResult => ({
  id, severity: 'best-practice', specRefs: [], status: 'fail', message, evidence: [], measurements: {},
});

describe('timingFailed', () => {
  it('re-runs a timing check that failed on its measurement', () => {
    expect(timingFailed([result('relist-after-notify', 'expected tools/list within 3000 ms')])).toBe(true);
  });
  it('never re-runs a "Not testable" result, nor a check that is not about timing', () => {
    expect(timingFailed([result('relist-after-notify', 'Not testable: no list_changed was delivered')])).toBe(false);
    expect(timingFailed([result('converges', 'the final view is missing [c]')])).toBe(false);
  });
  it('does not re-run a decisive timing failure, but still re-runs the cell for another that is not', () => {
    const decisive = { ...result('relist-after-notify', 'expected tools/list within 3000 ms; none came in the 4000 ms'), decisive: true as const };
    expect(timingFailed([decisive])).toBe(false);
    expect(timingFailed([decisive, result('no-starvation', 'the view went 1500 ms without one')])).toBe(true);
  });
});

describe('judge', () => {
  it('judges target-connects first and target-cleanup last in every cell', () => {
    expect(judge(new TraceBuilder().build()).map((check) => check.id)).toEqual(['target-connects', 'converges', 'target-cleanup']);
  });
  it('reports an info check that could not measure as info, not as a failure', () => {
    const trace = new TraceBuilder().opened().build();
    expect(evaluateCheck('debounce-window', trace)).toMatchObject({ status: 'info', message: expect.stringMatching(/^Not testable/) });
  });
});
