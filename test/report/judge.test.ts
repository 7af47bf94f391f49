import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/support/check.js';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { inconclusiveOf, judge, NEVER_CONNECTED, timingFailed } from '../../src/judging/judge.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const result = (id: string, message: string, status: CheckResult['status'] = 'fail'): CheckResult => ({
  id, severity: 'best-practice', specRefs: [], status, message, evidence: [], measurements: {},
});

describe('timingFailed', () => {
  it('re-runs a timing check that failed on its measurement', () => {
    expect(timingFailed([result('relist-after-notify', 'expected tools/list within 3000 ms')])).toBe(true);
  });
  it('never re-runs an untested result, nor a check that is not about timing', () => {
    expect(timingFailed([result('relist-after-notify', 'no list_changed was delivered', 'untested')])).toBe(false);
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
  it('reports an info check that could not measure as untested, not as a failure', () => {
    const trace = new TraceBuilder().opened().build();
    expect(evaluateCheck('debounce-window', trace).status).toBe('untested');
  });
  it('fails only target-connects when the target never connected: every staged check is untested', () => {
    const results = judge(new TraceBuilder().build());
    expect(results.map((check) => [check.id, check.status])).toEqual([['target-connects', 'fail'], ['converges', 'untested'], ['target-cleanup', 'pass']]);
    expect(results[1]?.message).toBe(NEVER_CONNECTED);
  });
  it('keeps every verdict of a target that connected', () => {
    const trace = new TraceBuilder().opened().push({ kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' }).build();
    const results = judge(trace);
    expect(results.map((check) => check.status)).toEqual(['pass', 'untested', 'pass']);
    expect(results[1]?.message).not.toBe(NEVER_CONNECTED);
  });
});

describe('inconclusiveOf', () => {
  it('names a cell whose every staged check is untested or not applicable, with the reasons', () => {
    const checks = [result('target-connects', 'ok', 'pass'), result('relist-after-notify', 'nothing reached it', 'untested'), result('server-resume', 'n/a', 'skip')];
    expect(inconclusiveOf(checks)).toBe('no check could be judged: nothing reached it');
  });
  it('is undefined when a staged check was judged, when something failed, or when only health checks ran', () => {
    expect(inconclusiveOf([result('relist-after-notify', 'x', 'untested'), result('converges', 'ok', 'pass')])).toBeUndefined();
    expect(inconclusiveOf([result('target-connects', 'no', 'fail'), result('converges', 'x', 'untested')])).toBeUndefined();
    expect(inconclusiveOf([result('target-connects', 'ok', 'pass'), result('target-cleanup', 'ok', 'pass')])).toBeUndefined();
  });
});
