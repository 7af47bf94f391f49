import { describe, expect, it } from 'vitest';
import { CHECKS, evaluateCheck } from '../../src/checks/check-registry.js';
import { ANNOUNCE_BOUND_MS } from '../../src/checks/server/server-announces.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const before = ['alpha'];
const after = ['alpha', 'added-1'];

/** Session A lists, its tool call at t=10 adds a tool, it is told `toldAfterMs` later (or never), the trace ends at `endT`. */
function announced(options: { toldAfterMs?: number; endT: number }) {
  const b = new TraceBuilder().withChecks('server-announces')
    .push({ kind: 'probe-connected', attempt: 1, probe: 'A', announces: ['tools'] })
    .push({ kind: 'probe-list', list: 'tools', reason: 'initial', requestedT: 0, names: before, keys: before, probe: 'A' })
    .at(10);
  if (options.toldAfterMs !== undefined) {
    b.at(10 + options.toldAfterMs).push({ kind: 'probe-notification', method: 'notifications/tools/list_changed', probe: 'A' });
  }
  b.push({ kind: 'server-change', via: 'tool', requestedT: 10, ok: true, detail: 'called change_catalogue', probe: 'A' });
  return b.at(options.endT).push({ kind: 'probe-list', list: 'tools', reason: 'final', requestedT: options.endT, names: after, keys: after, probe: 'A' })
    .build();
}

describe('server-announces has a time bound: a failure a slow moment could explain is played again', () => {
  it('is marked timing', () => {
    expect(CHECKS.find((check) => check.id === 'server-announces')?.timing).toBe(true);
  });

  it('fails decisively when no announcement came in a window longer than the bound', () => {
    const result = evaluateCheck('server-announces', announced({ endT: 10 + ANNOUNCE_BOUND_MS }));
    expect(result).toMatchObject({ status: 'fail', decisive: true, message: expect.stringMatching(/but it was never sent tools\/list_changed$/) });
  });

  it('leaves a missing announcement open to a re-run when the trace ends before the bound', () => {
    const result = evaluateCheck('server-announces', announced({ endT: 10 + ANNOUNCE_BOUND_MS - 1 }));
    expect(result.status).toBe('fail');
    expect(result.decisive).toBeUndefined();
  });

  it('leaves a late announcement open to a re-run (a slow moment can delay one)', () => {
    const result = evaluateCheck('server-announces', announced({ toldAfterMs: 1_500, endT: 2_000 }));
    expect(result).toMatchObject({ status: 'fail', measurements: { announceMs: 1_500 } });
    expect(result.decisive).toBeUndefined();
  });
});
