import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';

// A real third-party client: the official SDK v2 client (@modelcontextprotocol/client, pinned) with its documented
// listChanged option and era negotiation on `auto`. What the README reports about it is asserted here.
const CLIENT = fileURLToPath(new URL('../../dist/examples/sdk-v2-listchanged-client.js', import.meta.url));

async function run(era: string, scenarios: string, out: string) {
  const result = await runCli(
    ['run', '--client', `node ${CLIENT}`, '--era', era, '--scenario', scenarios, '--transport', 'stdio,http', '--reporter', 'json', '--out', out, '--quiet'],
    { timeoutMs: 120_000 },
  );
  const report = JSON.parse(result.stdout) as RunReport;
  const status = (scenario: string, transport: string, check: string) => {
    const cell = report.cells.find((each) => each.scenario === scenario && each.transport === transport);
    return cell?.checks.find((each) => each.id === check)?.status;
  };
  return { ...result, report, status };
}

describe('the official SDK v2 client with listChanged, through the built CLI', () => {
  it('in the 2026-07-28 era: refreshes through its listen stream, but never re-opens one that dropped (a MAY: reported)', async () => {
    const { code, stderr, report, status } = await run('modern', 'refresh-on-add,listen-filters,listen-dropped', 'reports/e2e/sdk-v2-modern');
    expect(code, stderr).toBe(1);
    for (const transport of ['stdio', 'http']) {
      expect(status('refresh-on-add', transport, 'relist-after-notify'), transport).toBe('pass');
      expect(status('refresh-on-add', transport, 'converges'), transport).toBe('pass');
      expect(status('listen-filters', transport, 'listen-filters'), transport).toBe('pass');
      expect(status('listen-dropped', transport, 'reopens-listen'), transport).toBe('info');
      expect(status('listen-dropped', transport, 'converges'), transport).toBe('fail');
    }
    // Its era negotiation is on the wire: on stdio a throwaway process gets server/discover, the next one the listen.
    const cell = report.cells.find((c) => c.scenario === 'refresh-on-add' && c.transport === 'stdio');
    const trace = readFileSync(cell?.trace ?? '', 'utf8');
    expect(trace).toContain('"method":"server/discover"');
    expect(trace).toContain('"kind":"listen-acknowledged"');
  }, 120_000);

  it('against a 2025-only server (era-fallback): falls back to initialize and still refreshes', async () => {
    const { code, stderr, report, status } = await run('modern', 'era-fallback', 'reports/e2e/sdk-v2-fallback');
    expect(code, stderr).toBe(0);
    for (const transport of ['stdio', 'http']) expect(status('era-fallback', transport, 'era-fallback'), transport).toBe('pass');
    const trace = readFileSync(report.cells.find((c) => c.transport === 'http')?.trace ?? '', 'utf8');
    expect(trace.indexOf('"method":"server/discover"')).toBeLessThan(trace.indexOf('"method":"initialize"'));
  }, 120_000);
});
