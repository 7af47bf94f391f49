import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/types.js';
import type { RunReport } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/targets/', import.meta.url));
/** The fixtures poll every 2 s; a measured period within this of it is theirs (timer lateness, loopback round trips). */
const PERIOD_TOLERANCE_MS = 150;

/** Runs one fixture on one cell through the built CLI; returns the exit code and the cell's checks by id. */
async function run(fixture: string, scenario: string, transport: string) {
  const result = await runCli(
    ['run', '--client', `node ${FIXTURES}${fixture}.js`, '--scenario', scenario, '--transport', transport, '--era', 'legacy', '--reporter', 'json',
      '--out', `reports/e2e/${fixture}`, '--quiet'],
    { timeoutMs: 60_000 },
  );
  const report = JSON.parse(result.stdout) as RunReport;
  const cell = report.cells[0]?.checks ?? [];
  const checks = new Map<string, CheckResult>(cell.map((check) => [check.id, check]));
  // What to show when the exit code is not the expected one: stderr and every check that did not pass.
  const why = [result.stderr, ...cell.filter((check) => check.status !== 'pass').map((check) => `${check.id}: ${check.message}`)].join('\n');
  return { code: result.code, why, checks };
}

describe('a client on a 2 s timer and one that also reacts, through the built CLI', () => {
  it('fails relist-after-notify for the poller on refresh-on-add, classified as polling every ~2 s', async () => {
    const { code, why, checks } = await run('polling', 'refresh-on-add', 'stdio');
    expect(code, why).toBe(1);
    const relist = checks.get('relist-after-notify');
    expect(relist).toMatchObject({ status: 'fail', measurements: { reactions: 0, latencyMs: null } });
    expect(relist?.measurements.classification).toMatch(/^polls every ~\d+ ms$/);
    expect(Math.abs(Number(relist?.measurements.pollPeriodMs) - 2_000)).toBeLessThan(PERIOD_TOLERANCE_MS);
    expect(checks.get('converges')?.status).toBe('pass');
  }, 60_000);

  it('reports the poller\'s debounce policy as polling, with its period, on debounce-probe', async () => {
    const { code, why, checks } = await run('polling', 'debounce-probe', 'http');
    expect(code, why).not.toBe(2);
    const window = checks.get('debounce-window');
    expect(window?.status).toBe('info');
    expect(window?.measurements.policy).toMatch(/^polling \(period ~\d+ ms\)$/);
    expect(Math.abs(Number(window?.measurements.pollPeriodMs) - 2_000)).toBeLessThan(PERIOD_TOLERANCE_MS);
  }, 60_000);

  it('passes relist-after-notify for the client that polls and reacts, classified as both', async () => {
    const { code, why, checks } = await run('poll-and-react', 'refresh-on-add', 'sse');
    expect(code, why).not.toBe(2);
    expect(checks.get('converges')?.status, why).toBe('pass');
    const relist = checks.get('relist-after-notify');
    expect(relist).toMatchObject({ status: 'pass', measurements: { classification: 'both', reactions: 1 } });
    expect(Number(relist?.measurements.latencyMs)).toBeLessThan(1_000);
  }, 60_000);
});
