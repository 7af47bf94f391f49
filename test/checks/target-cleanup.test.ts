import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

/** A target that started, exited when the harness ended it, and left `leftovers` behind (what the harness found by mark). */
function ended(leftovers: { pid: number; command: string }[]) {
  const b = new TraceBuilder().push({ kind: 'target-started', pid: 100, command: 'node client.js' }).opened().wait(500)
    .push({ kind: 'target-exited', code: 0, signal: null, expected: true });
  for (const left of leftovers) b.push({ kind: 'target-leftover', ...left });
  return b.build();
}

describe('target-cleanup', () => {
  it('passes when nothing the target started outlived it', () => {
    expect(evaluateCheck('target-cleanup', ended([]))).toMatchObject({
      status: 'pass',
      severity: 'robustness',
      message: 'nothing the target started outlived it',
      measurements: { leftovers: 0 },
      evidence: [],
    });
  });

  it('fails naming each process that escaped the group, with its command line, and points at the events that show it', () => {
    const result = evaluateCheck('target-cleanup', ended([
      { pid: 4242, command: 'sleep 600' },
      { pid: 4243, command: 'node daemon.js --detach' },
    ]));
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'robustness',
      message: '2 process(es) escaped the target\'s process group and were still running: 4242 (sleep 600), 4243 (node daemon.js --detach); ' +
        'the harness ended them',
      measurements: { leftovers: 2 },
    });
    // The evidence is the two target-leftover events: after target-started, session-opened and target-exited (seq 0-2).
    expect(result.evidence).toEqual([3, 4]);
  });

  it('names at most three leftovers in its message, and counts them all', () => {
    const many = [1, 2, 3, 4, 5].map((n) => ({ pid: 5000 + n, command: `worker ${n}` }));
    const result = evaluateCheck('target-cleanup', ended(many));
    expect(result).toMatchObject({ status: 'fail', measurements: { leftovers: 5 } });
    expect(result.message).toBe('5 process(es) escaped the target\'s process group and were still running: 5001 (worker 1), 5002 (worker 2), ' +
      '5003 (worker 3); the harness ended them');
    expect(result.evidence).toHaveLength(5);
  });
});
