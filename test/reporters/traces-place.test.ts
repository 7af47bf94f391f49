import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/reporters/pretty.js';
import { tracesPlace } from '../../src/reporters/traces-place.js';
import { makeReport, type CellReport } from '../../src/judging/run-report.js';

function report(traces: string[]) {
  const cells: CellReport[] = traces.map((trace, index) => ({
    scenario: `s${index}`, transport: 'stdio', era: 'legacy', durationMs: 1, attempts: 1, trace, checks: [],
  }));
  return makeReport(
    { target: 't', startedAt: '', durationMs: 1, options: { transports: ['stdio'], eras: ['legacy'], scenarios: [], repeat: 1, strict: false, failOn: 'all' }, cells, excluded: [] },
    { name: 'mcp-notify-check', version: 'test' },
  );
}

describe('where the summary says the traces are', () => {
  it('names the folder the cells\' traces were written to, not the default', () => {
    const summary = formatSummary(report(['/elsewhere/out/traces/a.stdio.jsonl', '/elsewhere/out/traces/b.stdio.jsonl']), { color: false, outDir: 'reports' });
    expect(summary).toContain('· traces in /elsewhere/out/traces');
    expect(summary).not.toContain('reports/traces');
  });

  it('counts the folders when the traces are in several, and says nothing when there are none', () => {
    expect(tracesPlace(report(['/a/x.jsonl', '/b/y.jsonl']))).toBe('traces in 2 folders (each cell names its trace)');
    expect(tracesPlace(report([]))).toBeUndefined();
    expect(formatSummary(report(['']), { color: false, outDir: 'reports' })).not.toContain('traces in');
  });
});
