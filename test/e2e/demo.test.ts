import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { SCENARIOS } from '../../src/scenarios/registry.js';
import { runCli } from '../helpers/cli.js';

describe('demo: the whole suite against the bundled reference client', () => {
  it('passes every scenario on every transport it applies to, with exit 0', async () => {
    const result = await runCli(['demo', '--reporter', 'json', '--reporter', 'junit', '--out', 'reports/e2e/demo', '--quiet'], { timeoutMs: 240_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    const client = [...SCENARIOS.values()].filter((scenario) => scenario.mode === 'client');
    const expectedCells = client.reduce((sum, scenario) => sum + scenario.transports.length, 0);
    expect(report.cells).toHaveLength(expectedCells);
    expect(report.excluded).toHaveLength(4);
    const notPassing = report.cells.flatMap((cell) =>
      cell.checks.filter((check) => check.status !== 'pass' && check.status !== 'info').map((check) => `${cell.scenario}/${cell.transport}/${check.id}: ${check.message}`),
    );
    expect(notPassing).toEqual([]);
    expect(report.summary.fail).toBe(0);
    // The only info checks are the ones that report rather than judge.
    const infos = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'info').map((check) => check.id));
    expect(new Set(infos)).toEqual(new Set(['debounce-window', 'relist-after-notify']));
  }, 300_000);
});
