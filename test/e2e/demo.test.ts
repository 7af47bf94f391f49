import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { SCENARIOS } from '../../src/scenarios/registry.js';
import { erasOf, type TransportKind } from '../../src/model/words.js';
import { runCli } from '../helpers/cli.js';

describe('demo: the whole suite against the bundled reference client', () => {
  it('passes every scenario on every transport it applies to, with exit 0', async () => {
    const result = await runCli(['demo', '--reporter', 'json', '--reporter', 'junit', '--out', 'reports/e2e/demo', '--quiet'], { timeoutMs: 240_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    const client = [...SCENARIOS.values()].filter((scenario) => scenario.mode === 'client');
    // Every transport a scenario applies to, in each of its eras that the transport carries (SSE: legacy only).
    const erasOn = (scenario: (typeof client)[number], transport: TransportKind) =>
      scenario.eras.filter((era) => erasOf(transport).includes(era)).length;
    const cellsOf = (scenario: (typeof client)[number]) =>
      scenario.transports.reduce((cells, transport) => cells + erasOn(scenario, transport), 0);
    const expectedCells = client.reduce((sum, scenario) => sum + cellsOf(scenario), 0);
    expect(report.cells).toHaveLength(expectedCells);
    expect(report.cells.filter((cell) => cell.era === 'modern').length).toBeGreaterThan(0);
    expect(report.excluded.every((cell) => cell.reason.length > 10)).toBe(true);
    // The reference client does not poll: the rule for pollers has nothing of it to judge (untested, and said so).
    const judged = (check: { id: string; status: string }) => check.status === 'pass' || check.status === 'info' ||
      (check.id === 'poll-jitter-backoff' && check.status === 'untested');
    const notPassing = report.cells.flatMap((cell) =>
      cell.checks.filter((check) => !judged(check)).map((check) => `${cell.scenario}/${cell.transport}/${cell.era}/${check.id}: ${check.message}`),
    );
    expect(notPassing).toEqual([]);
    expect(report.summary.fail).toBe(0);
    // The only info checks are the ones that report rather than judge, and era-fallback's cells where a 2025 client
    // meets a 2026-07-28-only server (the reference client says why it cannot connect).
    const infos = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'info').map((check) => check.id));
    expect(new Set(infos)).toEqual(new Set(['debounce-window', 'relist-after-notify', 'target-connects', 'era-fallback']));
    const fallbacks = report.cells.filter((cell) => cell.scenario === 'era-fallback');
    for (const cell of fallbacks) {
      const check = cell.checks.find((each) => each.id === 'era-fallback');
      if (cell.era === 'modern') expect(check?.status, check?.message).toBe('pass');
      else expect(check?.message).toMatch(/what it printed names the version mismatch$/);
    }
    expect(fallbacks.filter((cell) => cell.checks.some((check) => check.id === 'target-connects' && check.status === 'info'))).toHaveLength(2);
  }, 300_000);
});
