import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const SDK_V1 = `node ${DIST}examples/sdk-listchanged-client.js`;
const SDK_V2 = `node ${DIST}examples/sdk-v2-listchanged-client.js`;
const SERVER = `node ${DIST}test/fixtures/servers/well-behaved.js`;

async function run(args: string[], out: string) {
  const result = await runCli([...args, '--reporter', 'json', '--out', `reports/e2e/era-auto-${out}`, '--quiet'], { timeoutMs: 120_000 });
  return { ...result, report: result.code === 2 ? undefined : (JSON.parse(result.stdout) as RunReport) };
}

const places = (report: RunReport | undefined) => report?.cells.map((cell) => `${cell.transport}.${cell.era}`) ?? [];

describe('--era auto: a target is judged in the eras it speaks', () => {
  it('gives a 2025-only client (SDK v1 listChanged) only the 2025 cells, one line per transport, and no 2026-07-28 failure', async () => {
    const { code, stderr, report } = await run(['run', '--client', SDK_V1, '--scenario', 'refresh-on-add', '--transport', 'stdio,http'], 'v1');
    expect(code, stderr).toBe(0);
    expect(places(report)).toEqual(['stdio.legacy', 'http.legacy']);
    expect(report?.unplayed?.map((line) => line.reason)).toEqual([
      '2026-07-28 cells not run on stdio: the client speaks 2025-11-25 only (it opened with initialize; use --era modern to require them)',
      '2026-07-28 cells not run on http: the client speaks 2025-11-25 only (it opened with initialize; use --era modern to require them)',
    ]);
    expect(report?.summary).toMatchObject({ fail: 0, untested: 0, inconclusive: 0 });
    // The first contacts are evidence too.
    expect(existsSync('reports/e2e/era-auto-v1/traces/era-detect.stdio.jsonl')).toBe(true);
  }, 120_000);

  it('gives the official SDK v2 client, which probes with server/discover and falls back, both eras', async () => {
    const { code, stderr, report } = await run(['run', '--client', SDK_V2, '--scenario', 'refresh-on-add', '--transport', 'stdio,http'], 'v2');
    expect(code, stderr).toBe(0);
    expect(places(report)).toEqual(['stdio.legacy', 'stdio.modern', 'http.legacy', 'http.modern']);
    expect(report?.unplayed).toBeUndefined();
  }, 120_000);

  it('plays a 2025-only server in 2025 and says why, and a dual-era server in both eras', async () => {
    const change = ['--change-tool', 'change_catalogue', '--scenario', 'server-announces'];
    const legacy = await run(['run', '--server', SERVER, ...change], 'server-legacy');
    expect(legacy.code, legacy.stderr).toBe(0);
    expect(places(legacy.report)).toEqual(['stdio.legacy']);
    const refused = /^2026-07-28 cells not run on stdio: the server did not accept a 2026-07-28 session \(/;
    expect(legacy.report?.unplayed?.[0]?.reason).toMatch(refused);
    const dual = await run(['run', '--server', `${SERVER} --era modern`, ...change], 'server-dual');
    expect(dual.code, dual.stderr).toBe(0);
    expect(places(dual.report)).toEqual(['stdio.legacy', 'stdio.modern']);
  }, 120_000);

  it('fails a client that never connects once per cell, target-connects alone', async () => {
    const { code, report } = await run(['run', '--client', 'exit 3', '--scenario', 'refresh-on-add', '--transport', 'sse'], 'never');
    expect(code).toBe(1);
    const cell = report?.cells[0];
    expect(cell?.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['target-connects']);
    expect(cell?.checks.filter((check) => check.status === 'untested').map((check) => check.id)).toEqual(['relist-after-notify', 'converges', 'target-survives']);
  }, 60_000);

  it('refuses a plan with no cell, exit 2, naming the filter that emptied it', async () => {
    const { code, stderr } = await run(['demo', '--transport', 'sse', '--era', 'modern'], 'empty');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mcp-notify-check: EMPTY_PLAN: no cell to run for \d+ scenarios on sse in the modern era: /);
    expect(stderr).toContain('sse carries only the legacy era');
    const filtered = await run(['demo', '--scenario', 'session-terminated', '--transport', 'stdio'], 'empty-scenario');
    expect(filtered.code).toBe(2);
    const excluded = 'no cell to run for session-terminated on stdio in the eras the client speaks: every cell is excluded ' +
      '(e.g. session-terminated on stdio, legacy: ';
    expect(filtered.stderr).toContain(excluded);
  }, 60_000);
});
