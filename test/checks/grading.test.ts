import { describe, expect, it } from 'vitest';
import { gradeOf, revisionOf } from '../../src/checks/support/grading.js';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

/** A cell whose first session negotiated `version` (2025 era), or a 2026-07-28 cell. */
const negotiated = (version: string) =>
  new TraceBuilder().opened().push({ kind: 'session-initialized', session: 's1', protocolVersion: version });
const modern = () => new TraceBuilder().modern().opened().push({ kind: 'session-initialized', session: 's1', protocolVersion: '2026-07-28', era: 'modern' });

describe('grading: severity and clause from the revision the cell spoke', () => {
  it('reads the negotiated revision, else the newest of the cell\'s era', () => {
    expect(revisionOf(negotiated('2025-06-18').build())).toBe('2025-06-18');
    expect(revisionOf(new TraceBuilder().build())).toBe('2025-11-25');
    expect(revisionOf(new TraceBuilder().modern().build())).toBe('2026-07-28');
  });

  it('grades reopens-stream a MAY in 2025-06-18, and the polling SHOULD in 2025-11-25 once an event carried an id', () => {
    expect(gradeOf('reopens-stream', 'SHOULD', negotiated('2025-06-18').build())).toMatchObject({ severity: 'MAY', clause: { keyword: 'MAY' } });
    expect(gradeOf('reopens-stream', 'SHOULD', negotiated('2025-11-25').build(), 'SHOULD')).toMatchObject({
      severity: 'SHOULD', revision: '2025-11-25', clause: { keyword: 'SHOULD' },
    });
    // The check itself: never re-opening after a drop in a 2025-06-18 cell is measured, not failed.
    const trace = negotiated('2025-06-18')
      .push({ kind: 'stream-opened', session: 's1', stream: 'get-1', role: 'standalone', primed: '0' }).wait(100)
      .push({ kind: 'fault', fault: 'drop-stream', session: 's1' }).wait(6_000).build();
    expect(evaluateCheck('reopens-stream', trace)).toMatchObject({ status: 'info', severity: 'MAY', revision: '2025-06-18' });
    const later = negotiated('2025-11-25')
      .push({ kind: 'stream-opened', session: 's1', stream: 'get-1', role: 'standalone', primed: '0' }).wait(100)
      .push({ kind: 'fault', fault: 'drop-stream', session: 's1' }).wait(6_000).build();
    expect(evaluateCheck('reopens-stream', later)).toMatchObject({ status: 'fail', severity: 'SHOULD' });
  });

  it('makes gw-initializes-upstream not applicable in 2026-07-28, where there is no initialize', () => {
    const trace = modern().request('tools').build();
    expect(evaluateCheck('gw-initializes-upstream', trace)).toMatchObject({ status: 'skip', message: expect.stringMatching(/^not applicable in 2026-07-28/) });
    expect(gradeOf('gw-initializes-upstream', 'MUST', negotiated('2025-11-25').build())).toMatchObject({ severity: 'MUST', clause: { keyword: 'MUST' } });
  });

  it('grades as best practice what the spec states without a keyword: server-capability, listen-filters, ttl-invalidation', () => {
    expect(gradeOf('server-capability', 'best-practice', negotiated('2025-11-25').build())).toMatchObject({
      severity: 'best-practice', clause: { keyword: 'none', quote: expect.stringContaining('indicates whether the server will emit notifications') },
    });
    expect(gradeOf('listen-filters', 'SHOULD', modern().build())).toMatchObject({ severity: 'best-practice', clause: { keyword: 'none' } });
    expect(gradeOf('ttl-invalidation', 'SHOULD', modern().build())).toMatchObject({ severity: 'best-practice', clause: { keyword: 'none' } });
  });

  it('grades server-fanout by the clause a verdict names: SHOULD by default, MUST for the MUST NOT of 2026-07-28', () => {
    expect(gradeOf('server-fanout', 'SHOULD', modern().build()).severity).toBe('SHOULD');
    expect(gradeOf('server-fanout', 'SHOULD', modern().build(), 'MUST NOT')).toMatchObject({ severity: 'MUST', clause: { keyword: 'MUST NOT' } });
    expect(gradeOf('server-fanout', 'SHOULD', negotiated('2025-11-25').build()).severity).toBe('best-practice');
  });

  it('grades a cell staged across eras by the rule of the era it stages: era-fallback told 2026-07-28 against a 2025 server', () => {
    const trace = new TraceBuilder().modern().serving('legacy').opened()
      .push({ kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' }).build();
    expect(gradeOf('era-fallback', 'SHOULD', trace)).toMatchObject({ revision: '2026-07-28', severity: 'best-practice' });
  });

  it('keeps its own severity for a check of the target\'s health, whatever its clauses say', () => {
    expect(gradeOf('target-connects', 'robustness', negotiated('2025-11-25').build())).toMatchObject({ severity: 'robustness', clause: { keyword: 'MUST' } });
  });
});
