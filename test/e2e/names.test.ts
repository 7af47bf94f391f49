import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/support/check.js';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/targets/', import.meta.url));

/** Runs one fixture on one scenario over stdio through the built CLI; returns the exit code, the failing ids and converges. */
async function run(fixture: string, scenario: string) {
  const out = `reports/e2e/names/${fixture}-${scenario}`;
  const result = await runCli(
    ['run', '--client', `node ${FIXTURES}${fixture}.js`, '--scenario', scenario, '--transport', 'stdio', '--era', 'legacy', '--reporter', 'json', '--out', out, '--quiet'],
    { timeoutMs: 30_000 },
  );
  expect(result.stdout, result.stderr).not.toBe('');
  const report = JSON.parse(result.stdout) as RunReport;
  const checks = report.cells[0]?.checks ?? [];
  const failing = checks.filter((check) => check.status === 'fail').map((check) => check.id);
  const converges: CheckResult | undefined = checks.find((check) => check.id === 'converges');
  return { code: result.code, stderr: result.stderr, failing, converges };
}

/** Clients that show the server's names renamed, and how converges must say it recognised them. */
const CURRENT = [
  { fixture: 'prefixes-names', scenario: 'refresh-on-add', shownAs: 'srv_<name>' },
  { fixture: 'prefixes-names', scenario: 'storm-burst', shownAs: 'srv_<name>' },
  { fixture: 'changes-separators', scenario: 'refresh-on-add', shownAs: '<name>' }, // alpha…delta have no separator
  { fixture: 'changes-separators', scenario: 'storm-burst', shownAs: '<name> (\'-\' as \'_\')' },
];

describe('clients that rename names, through the built CLI', () => {
  it.each(CURRENT)('$fixture passes converges on $scenario [stdio] with exit 0', async ({ fixture, scenario, shownAs }) => {
    const { code, stderr, failing, converges } = await run(fixture, scenario);
    expect(code, stderr).toBe(0);
    expect(failing).toEqual([]);
    expect(converges).toMatchObject({ status: 'pass', measurements: { toolsNamesShownAs: shownAs } });
  }, 30_000);

  it('still fails converges on a stale view behind the prefix, naming the upstream key it lacks', async () => {
    const { code, stderr, failing, converges } = await run('prefixes-names-never-relists', 'refresh-on-add');
    expect(code, stderr).toBe(1);
    expect(failing).toEqual(['relist-after-notify', 'converges']);
    expect(converges).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('(view report, names shown as srv_<name>) is missing [delta]'),
    });
  }, 30_000);
});
