import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/servers/', import.meta.url));

/** How the harness starts a fixture server on each transport. */
function serverArgs(fixture: string, transport: 'stdio' | 'http' | 'sse'): string[] {
  const command = `node ${FIXTURES}${fixture}.js`;
  if (transport === 'stdio') return ['--server', command];
  const path = transport === 'http' ? 'mcp' : 'sse';
  return ['--server', `${command} --transport ${transport} --port {port}`, '--server-url', `http://127.0.0.1:{port}/${path}`];
}

async function run(fixture: string, transport: 'stdio' | 'http' | 'sse', extra: string[] = ['--change-tool', 'change_catalogue']) {
  const result = await runCli(
    ['run', ...serverArgs(fixture, transport), ...extra, '--reporter', 'json', '--out', `reports/e2e/server-${fixture}-${transport}`, '--quiet'],
    { timeoutMs: 60_000 },
  );
  const report = JSON.parse(result.stdout) as RunReport;
  const check = (scenario: string, id: string) =>
    report.cells.find((cell) => cell.scenario === scenario)?.checks.find((each) => each.id === id);
  return { ...result, report, check };
}

describe('server mode through the built CLI: fixture servers', () => {
  it.each(['stdio', 'http', 'sse'] as const)('a well-behaved server passes on %s, and nothing it started is left', async (transport) => {
    const { code, stderr, report, check } = await run('well-behaved', transport);
    expect(code, stderr).toBe(0);
    expect(report.options.transports).toEqual([transport]);
    expect(check('server-announces', 'server-announces')?.status).toBe('pass');
    if (transport !== 'stdio') {
      expect(check('server-fanout', 'server-fanout')?.status).toBe('pass');
      // On Streamable HTTP session C has no GET stream: reported as lost by design, not failed.
      if (transport === 'http') expect(check('server-fanout', 'server-fanout')?.message).toMatch(/\[C\] opened no standalone GET stream/);
    } else {
      expect(report.excluded.map((cell) => cell.scenario)).toEqual(['server-fanout']);
    }
    for (const cell of report.cells) expect(cell.checks.find((each) => each.id === 'target-cleanup')?.status).toBe('pass');
  }, 60_000);

  it.each(['http', 'sse'] as const)('a server that tells only the session that asked fails server-fanout on %s', async (transport) => {
    const { code, check } = await run('per-session', transport);
    expect(code).toBe(1);
    expect(check('server-announces', 'server-announces')?.status).toBe('pass');
    const fanout = check('server-fanout', 'server-fanout');
    expect(fanout?.status).toBe('fail');
    expect(fanout?.message).toMatch(/\[B(, C)?\] were never sent tools\/list_changed after A's change/);
  }, 60_000);

  it('without --change-tool the change is not testable, and says which flag would make it so', async () => {
    const { code, check } = await run('well-behaved', 'stdio', []);
    expect(code).toBe(1);
    expect(check('server-announces', 'server-announces')?.message).toMatch(/^Not testable: no --change-tool was given: pass --change-tool/);
  }, 60_000);
});
