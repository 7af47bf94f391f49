import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/targets/', import.meta.url));

/**
 * Every client cell on stdio, in each era a scenario plays (`list scenarios`), with the checks a client that never
 * re-lists fails there. 28 cells: both eras of the 8 scenarios that play both on every transport (16), early-notification
 * and capability-off (2025 only: 2), listen-dropped, listen-filters, ack-first, ttl-invalidation and poll-cadence
 * (2026-07-28 only: 5), era-fallback (both eras: 2), fallback-method-not-found, fallback-invalid-params and
 * server-restart (2026-07-28: 3). session-terminated, stream-dropped, fallback-bare-400 and stream-retry have no stdio cell.
 */
const NEVER_RELISTS_ON_STDIO: Record<string, string[]> = {
  'refresh-on-add/legacy': ['relist-after-notify', 'converges'], 'refresh-on-add/modern': ['relist-after-notify', 'converges'],
  'refresh-on-remove/legacy': ['relist-after-notify', 'converges'], 'refresh-on-remove/modern': ['relist-after-notify', 'converges'],
  'storm-burst/legacy': ['relist-after-notify', 'converges'], 'storm-burst/modern': ['relist-after-notify', 'converges'],
  'storm-sustained/legacy': ['no-starvation', 'relist-after-notify', 'converges'],
  'storm-sustained/modern': ['no-starvation', 'relist-after-notify', 'converges'],
  'debounce-probe/legacy': [], 'debounce-probe/modern': [],
  'in-flight-list/legacy': ['converges'], 'in-flight-list/modern': ['converges'],
  'paginated-refresh/legacy': ['converges'], 'paginated-refresh/modern': ['converges'],
  'early-notification/legacy': [],
  'multi-list/legacy': ['one-relist-per-kind', 'converges'], 'multi-list/modern': ['one-relist-per-kind', 'converges'],
  'capability-off/legacy': [],
  // It still opens its listen stream, and re-opens and re-lists when the server drops it: only the reaction is missing.
  'listen-dropped/modern': [],
  'listen-filters/modern': ['converges'],
  'ack-first/modern': [],
  'ttl-invalidation/modern': ['ttl-invalidation', 'converges'],
  'era-fallback/legacy': [], 'era-fallback/modern': ['era-fallback'],
  'fallback-method-not-found/modern': [], 'fallback-invalid-params/modern': [],
  'server-restart/modern': [],
  'poll-cadence/modern': ['converges'],
};

/**
 * Every client cell on legacy HTTP+SSE (`list scenarios`: SSE carries the 2025 era only): the 8 scenarios of both eras,
 * early-notification and capability-off. 10.
 */
const SSE_CELLS = [
  'refresh-on-add', 'refresh-on-remove', 'storm-burst', 'storm-sustained', 'debounce-probe', 'in-flight-list', 'paginated-refresh',
  'early-notification', 'multi-list', 'capability-off',
];

async function suite(fixture: string, transport: 'stdio' | 'sse' | 'http') {
  const args = ['run', '--client', `node ${FIXTURES}${fixture}.js`, '--transport', transport, '--reporter', 'json', '--quiet'];
  const result = await runCli([...args, '--out', `reports/e2e/suite-${fixture}`], { timeoutMs: 240_000 });
  const report = JSON.parse(result.stdout) as RunReport;
  /** `scenario/era` → the ids of the checks that cell fails. */
  const failing = Object.fromEntries(report.cells.map((cell) => [
    `${cell.scenario}/${cell.era}`, cell.checks.filter((check) => check.status === 'fail').map((check) => check.id),
  ]));
  return { code: result.code, stderr: result.stderr, report, failing };
}

describe('a bad target gets verdicts, never an abort', () => {
  it('judges every cell of the suite for a client that never re-lists, with exit 1', async () => {
    const { code, stderr, report, failing } = await suite('never-relists', 'stdio');
    expect(code, stderr).toBe(1);
    expect(report.error).toBeUndefined();
    expect(report.cells).toHaveLength(28);
    expect(report.cells.filter((cell) => cell.error)).toEqual([]);
    expect(failing).toEqual(NEVER_RELISTS_ON_STDIO);
    const race = report.cells.find((cell) => cell.scenario === 'in-flight-list');
    expect(race?.checks.find((check) => check.id === 'no-stale-final')).toMatchObject({
      status: 'untested',
      message: expect.stringMatching(/^the target never re-listed/),
    });
  }, 240_000);

  it('fails target-connects in every sse cell of a client whose library has no SSE, and goes on', async () => {
    const { code, stderr, report, failing } = await suite('no-sse', 'sse');
    expect(code, stderr).toBe(1);
    expect(report.error).toBeUndefined();
    expect(report.cells.map((cell) => cell.scenario)).toEqual(SSE_CELLS);
    // One cause, one failure: every other check of the cell is untested.
    expect(failing).toEqual(Object.fromEntries(SSE_CELLS.map((scenario) => [`${scenario}/legacy`, ['target-connects']])));
    for (const cell of report.cells) {
      expect(cell.error).toBeUndefined();
      expect(cell.attempts).toBe(1);
      expect(cell.checks[0]).toMatchObject({
        id: 'target-connects',
        status: 'fail',
        message: expect.stringContaining('transport "sse" is not supported by this client'),
      });
    }
  }, 120_000);

  it.each([
    [['--client', 'node client.js', '--era', 'future'], /--era: unknown era "future"/],
    [['--client', 'node client.js', '--downstream-era', 'modern'], /--downstream-era is for gateway mode/],
    [['--client', 'node client.js', '--change-tool', 'add'], /--change-tool is for server mode/],
    [['--client', 'node client.js', '--also-downstream', 'http://127.0.0.1:{port2}/mcp'], /--also-downstream is for gateway mode/],
    [['--gateway', 'node gw.js', '--downstream', 'stdio', '--also-downstream', 'stdio'], /--also-downstream: .*must be an http\(s\) URL/],
    [['--client', 'node client.js', '--server', 'node server.js'], /--client and --server cannot be used together/],
    [['--server-url', 'http://127.0.0.1:{port}/mcp'], /--server-url uses \{port\}, which only a server the harness starts/],
    [['--server', 'node server.js', '--change-args', '[1]'], /--change-args must be a JSON object/],
    [['--gateway', 'node gw.js', '--downstream', 'stdio', '--downstream-era', 'future'], /--downstream-era: unknown era "future" \(legacy, modern\)/],
    [['--gateway', 'node gw.js', '--downstream', 'http://127.0.0.1:{port}/sse', '--downstream-era', 'modern'], /--downstream-era modern: an sse downstream carries only the legacy era/],
  ])('refuses %j before running anything, with exit 2 and one line', async (args, message) => {
    const result = await runCli(['run', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses {url} in stdio cells before running anything, with exit 2 and one line', async () => {
    const result = await runCli(['run', '--client', 'node client.js {url}', '--transport', 'stdio,http']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\{url\}, which has no value in stdio cells/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
