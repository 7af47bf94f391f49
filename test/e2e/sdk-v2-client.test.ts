import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { readTrace } from '../../src/trace/file.js';
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
  /** Each cell (`scenario/transport`) and the ids of the checks it fails: the exact set, so a new failure shows. */
  const failed = Object.fromEntries(report.cells.map((cell) => [
    `${cell.scenario}/${cell.transport}`, cell.checks.filter((check) => check.status === 'fail').map((check) => check.id),
  ]));
  return { ...result, report, status, failed };
}

describe('the official SDK v2 client with listChanged, through the built CLI', () => {
  it('in the 2026-07-28 era: refreshes through its listen stream, but never re-opens one that dropped (a MAY: reported)', async () => {
    const { code, stderr, report, status, failed } = await run('modern', 'refresh-on-add,listen-filters,listen-dropped', 'reports/e2e/sdk-v2-modern');
    expect(code, stderr).toBe(1);
    expect(failed).toEqual({
      'refresh-on-add/stdio': [], 'refresh-on-add/http': [], 'listen-filters/stdio': [], 'listen-filters/http': [],
      'listen-dropped/stdio': ['converges'], 'listen-dropped/http': ['converges'],
    });
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

  it('falls back on each way a 2025 server refuses server/discover, waits the SSE retry, and does not restart a stdio server', async () => {
    const modern = await run('modern', 'fallback-method-not-found,fallback-invalid-params,fallback-bare-400,server-restart', 'reports/e2e/sdk-v2-rules');
    expect(modern.code, modern.stderr).toBe(1);
    expect(modern.failed).toEqual({
      'fallback-method-not-found/stdio': [], 'fallback-method-not-found/http': [], 'fallback-invalid-params/stdio': [],
      'fallback-invalid-params/http': [], 'fallback-bare-400/http': [], 'server-restart/stdio': ['converges'],
    });
    const fallbacks = modern.report.cells.filter((cell) => cell.scenario.startsWith('fallback-'));
    expect(fallbacks).toHaveLength(5);
    for (const cell of fallbacks) expect(cell.checks.find((check) => check.id === 'fallback-any-error')?.status, cell.scenario).toBe('pass');
    expect(modern.status('server-restart', 'stdio', 'relisten-after-reconnect')).toBe('untested');
    expect(modern.status('server-restart', 'stdio', 'converges')).toBe('fail');
    const legacy = await run('legacy', 'stream-retry', 'reports/e2e/sdk-v2-retry');
    expect(legacy.code, legacy.stderr).toBe(0);
    expect(legacy.failed).toEqual({ 'stream-retry/http': [] });
    expect(legacy.status('stream-retry', 'http', 'respects-retry')).toBe('pass');
  }, 120_000);

  it('against a 2025-only server (era-fallback): falls back to initialize and still refreshes', async () => {
    const { code, stderr, report, status, failed } = await run('modern', 'era-fallback', 'reports/e2e/sdk-v2-fallback');
    expect(code, stderr).toBe(0);
    expect(failed).toEqual({ 'era-fallback/stdio': [], 'era-fallback/http': [] });
    for (const transport of ['stdio', 'http']) expect(status('era-fallback', transport, 'era-fallback'), transport).toBe('pass');
    // On the wire, in order: it asked server/discover first, and only then initialize.
    const trace = await readTrace(report.cells.find((c) => c.transport === 'http')?.trace ?? '');
    // A refused POST is journaled with the JSON-RPC methods of its body; an accepted one as the frame it carried.
    const methods = trace.events.flatMap((event) => {
      if (event.kind === 'http-rejected') return (event.rpc ?? []).map((rpc) => rpc.method);
      return event.kind === 'frame-received' ? [(event.message as { method?: string }).method] : [];
    });
    const asked = methods.filter((method) => method === 'server/discover' || method === 'initialize');
    expect(asked.slice(0, 2)).toEqual(['server/discover', 'initialize']);
  }, 120_000);
});
