import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { selectScenarios } from '../../src/scenarios/registry.js';
import { erasOf } from '../../src/model/words.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/targets/', import.meta.url));

/** How many client cells run on a transport, in every era it carries: every one of them must be in the report, judged. */
const cellsOn = (transport: 'stdio' | 'sse' | 'http') =>
  selectScenarios()
    .filter((scenario) => scenario.transports.includes(transport))
    .reduce((cells, scenario) => cells + scenario.eras.filter((era) => erasOf(transport).includes(era)).length, 0);

async function suite(fixture: string, transport: 'stdio' | 'sse' | 'http') {
  const args = ['run', '--client', `node ${FIXTURES}${fixture}.js`, '--transport', transport, '--reporter', 'json', '--quiet'];
  const result = await runCli([...args, '--out', `reports/e2e/suite-${fixture}`], { timeoutMs: 240_000 });
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) as RunReport };
}

describe('a bad target gets verdicts, never an abort', () => {
  it('judges every cell of the suite for a client that never re-lists, with exit 1', async () => {
    const { code, stderr, report } = await suite('never-relists', 'stdio');
    expect(code, stderr).toBe(1);
    expect(report.error).toBeUndefined();
    expect(report.cells).toHaveLength(cellsOn('stdio'));
    expect(report.cells.filter((cell) => cell.error)).toEqual([]);
    const race = report.cells.find((cell) => cell.scenario === 'in-flight-list');
    expect(race?.checks.find((check) => check.id === 'no-stale-final')?.message).toMatch(/Not testable: the target never re-listed/);
  }, 240_000);

  it('fails target-connects in every sse cell of a client whose library has no SSE, and goes on', async () => {
    const { code, report } = await suite('no-sse', 'sse');
    expect(code).toBe(1);
    expect(report.error).toBeUndefined();
    expect(report.cells).toHaveLength(cellsOn('sse'));
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
    [['--client', 'node client.js', '--server', 'node server.js'], /--client and --server cannot be used together/],
    [['--server-url', 'http://127.0.0.1:{port}/mcp'], /--server-url uses \{port\}, which only a server the harness starts/],
    [['--server', 'node server.js', '--change-args', '[1]'], /--change-args must be a JSON object/],
    [['--gateway', 'node gw.js', '--downstream', 'stdio', '--downstream-era', 'future'], /--downstream-era: Invalid option: expected one of "legacy"\|"modern"/],
    [['--gateway', 'node gw.js', '--downstream', 'http://127.0.0.1:{port}/sse', '--downstream-era', 'modern'], /--downstream-era modern: legacy HTTP\+SSE has no 2026-07-28 form/],
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
