import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/support/check.js';
import { applyBaseline, baselineOf, loadBaseline } from '../../src/judging/baseline.js';
import { exitCodeOf, makeReport, type RunReport } from '../../src/judging/run-report.js';

const check = (id: string, status: CheckResult['status']): CheckResult => ({
  id, status, severity: 'best-practice', specRefs: [], message: status, evidence: [], measurements: {},
});

function report(): RunReport {
  const cell = (scenario: string, transport: 'stdio' | 'http', checks: CheckResult[]) =>
    ({ scenario, transport, era: 'legacy' as const, durationMs: 1, attempts: 1, trace: 't', checks });
  return makeReport(
    {
      target: 'x',
      startedAt: '',
      durationMs: 1,
      options: { transports: ['stdio', 'http'], eras: ['legacy'], scenarios: [], repeat: 1, strict: false, failOn: 'all' },
      cells: [
        cell('in-flight-list', 'stdio', [check('no-stale-final', 'fail'), check('converges', 'fail')]),
        cell('in-flight-list', 'http', [check('no-stale-final', 'fail'), check('converges', 'pass')]),
        cell('refresh-on-add', 'http', [check('relist-after-notify', 'pass')]),
      ],
      excluded: [],
    },
    { name: 'mcp-notify-check', version: 'test' },
  );
}

const known = { scenarios: new Set(['in-flight-list', 'refresh-on-add', 'paginated-refresh']), checks: new Set(['no-stale-final', 'converges', 'relist-after-notify']) };
const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'mnc-baseline-')), name);
  writeFileSync(path, text);
  return path;
};

describe('baselines', () => {
  it('marks expected failures as xfail so they do not fail the run', async () => {
    const entries = await loadBaseline(file('b.json', '["in-flight-list"]'), known);
    const applied = applyBaseline(report(), entries);
    expect(applied.summary).toMatchObject({ fail: 0, xfail: 3 });
    expect(applied.baseline).toEqual({ entries: 1, stale: [] });
    expect(exitCodeOf(applied)).toBe(0);
  });

  it('matches scenario:check@transport exactly, from YAML too', async () => {
    const entries = await loadBaseline(file('b.yaml', 'expectedFailures:\n  - in-flight-list:no-stale-final@http\n'), known);
    const applied = applyBaseline(report(), entries);
    expect(applied.summary).toMatchObject({ fail: 2, xfail: 1 });
    expect(exitCodeOf(applied)).toBe(1);
  });

  it('fails the run on a stale entry: one that expects a failure that no longer happens', async () => {
    const entries = await loadBaseline(file('b.json', '["in-flight-list", "refresh-on-add:relist-after-notify"]'), known);
    const applied = applyBaseline(report(), entries);
    expect(applied.baseline?.stale).toEqual(['refresh-on-add:relist-after-notify']);
    expect(exitCodeOf(applied)).toBe(1);
  });

  it('does not call an entry stale when its cell did not run', async () => {
    const entries = await loadBaseline(file('b.json', '["paginated-refresh"]'), known);
    expect(applyBaseline(report(), entries).baseline?.stale).toEqual([]);
  });

  it('refuses an unknown scenario or check, naming the entry (exit 2 material)', async () => {
    await expect(loadBaseline(file('b.json', '["in-flight-list", "nope:converges"]'), known)).rejects.toThrow(/entry 1 "nope:converges": unknown scenario "nope"/);
    await expect(loadBaseline(file('b.json', '["in-flight-list:nope"]'), known)).rejects.toThrow(/unknown check "nope"/);
    await expect(loadBaseline(file('b.json', '["in-flight-list:converges@pigeon"]'), known)).rejects.toThrow(/unknown transport "pigeon"/);
  });

  it('writes today\'s failures as entries naming their era', () => {
    expect(baselineOf(report())).toEqual([
      'in-flight-list:no-stale-final@stdio.legacy',
      'in-flight-list:converges@stdio.legacy',
      'in-flight-list:no-stale-final@http.legacy',
    ]);
  });

  it('matches an entry with an era only in that era, and one without in both', async () => {
    const modern = { ...report(), cells: report().cells.map((cell) => ({ ...cell, era: 'modern' as const })) };
    const legacyOnly = await loadBaseline(file('b.json', '["in-flight-list:no-stale-final@http.legacy"]'), known);
    expect(applyBaseline(modern, legacyOnly).summary).toMatchObject({ fail: 3, xfail: 0 });
    const anyEra = await loadBaseline(file('b.json', '["in-flight-list:no-stale-final@http"]'), known);
    expect(applyBaseline(modern, anyEra).summary).toMatchObject({ fail: 2, xfail: 1 });
    await expect(loadBaseline(file('b.json', '["in-flight-list:converges@http.future"]'), known)).rejects.toThrow(/unknown era "future"/);
  });
});
