import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/servers/', import.meta.url));

/** A change from outside any request: the fixture servers watch a file named per cell ({port} is unique to a cell). */
const WATCHED = join(mkdtempSync(join(tmpdir(), 'mnc-server-e2e-')), 'change-{port}');
const CHANGES = ['--change-tool', 'change_catalogue', '--change-cmd', `touch ${WATCHED}`];

/** How the harness starts a fixture server on each transport. */
function serverArgs(fixture: string, transport: 'stdio' | 'http' | 'sse', era: 'legacy' | 'modern' = 'legacy'): string[] {
  const command = `MCP_FIXTURE_CHANGE_FILE=${WATCHED} node ${FIXTURES}${fixture}.js${era === 'modern' ? ' --era modern' : ''}`;
  if (transport === 'stdio') return ['--server', command];
  const path = transport === 'http' ? 'mcp' : 'sse';
  return ['--server', `${command} --transport ${transport} --port {port}`, '--server-url', `http://127.0.0.1:{port}/${path}`];
}

async function run(fixture: string, transport: 'stdio' | 'http' | 'sse', extra: string[] = CHANGES, era: 'legacy' | 'modern' = 'legacy') {
  const out = `reports/e2e/server-${fixture}-${transport}-${era}`;
  const result = await runCli(
    ['run', ...serverArgs(fixture, transport, era), '--era', era, ...extra, '--reporter', 'json', '--out', out, '--quiet'],
    { timeoutMs: 60_000 },
  );
  const report = JSON.parse(result.stdout) as RunReport;
  const check = (scenario: string, id: string) =>
    report.cells.find((cell) => cell.scenario === scenario)?.checks.find((each) => each.id === id);
  return { ...result, report, check };
}

describe('server mode through the built CLI: fixture servers', () => {
  it.each(['stdio', 'http', 'sse'] as const)('a well-behaved server passes every scenario on %s, and nothing it started is left', async (transport) => {
    const { code, stderr, report, check } = await run('well-behaved', transport);
    expect(code, stderr).toBe(0);
    expect(report.cells.length).toBe({ stdio: 5, sse: 6, http: 7 }[transport]);
    expect(check('server-storm', 'server-storm')?.status).toBe('pass');
    expect(report.summary.fail).toBe(0);
    expect(report.options.transports).toEqual([transport]);
    expect(check('server-announces', 'server-announces')?.status).toBe('pass');
    if (transport !== 'stdio') {
      expect(check('server-fanout', 'server-fanout')?.status).toBe('pass');
      // On Streamable HTTP session C has no GET stream: reported as lost by design, not failed.
      if (transport === 'http') expect(check('server-fanout', 'server-fanout')?.message).toMatch(/\[C\] opened no standalone GET stream/);
    } else {
      expect(report.excluded.map((cell) => cell.scenario)).toEqual(['server-fanout', 'server-listen', 'server-resume']);
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

  // Each deliberately broken server, on every transport, fails exactly its check.
  const FLAWS = [
    ['notify-before-update', 'server-update-before-notify'],
    ['silent-background', 'server-background'],
    ['unadvertised', 'server-capability'],
    ['throttled', 'server-storm'],
  ] as const;
  const TRANSPORTS = ['stdio', 'sse', 'http'] as const;
  it.each(FLAWS.flatMap(([fixture, id]) => TRANSPORTS.map((transport) => [fixture, transport, id] as const)))(
    '%s on %s fails %s and nothing else', async (fixture, transport, id) => {
      const { code, report } = await run(fixture, transport, [...CHANGES, '--scenario', `server-announces,${id}`]);
      expect(code).toBe(1);
      const failed = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'fail').map((check) => check.id));
      expect(failed).toEqual([id]);
    }, 60_000,
  );

  it('resumability on Streamable HTTP: replayed (pass), ids without a replay (fail), no ids (measured, info)', async () => {
    const resume = ['--change-tool', 'change_catalogue', '--scenario', 'server-resume'];
    const replaying = await run('resumable', 'http', resume);
    expect(replaying.code, replaying.stderr).toBe(0);
    expect(replaying.check('server-resume', 'server-resume')?.message).toMatch(/^the change made while the stream was down was replayed/);
    const sdkStore = await run('sdk-event-store', 'http', resume);
    expect(sdkStore.code).toBe(1);
    expect(sdkStore.check('server-resume', 'server-resume')?.message).toMatch(/^its GET events carry ids, but the change made while the stream was down was not replayed/);
    const noStore = await run('well-behaved', 'http', resume);
    expect(noStore.code).toBe(0);
    expect(noStore.check('server-resume', 'server-resume')).toMatchObject({ status: 'info', measurements: { resumable: 'no', replayed: 'no' } });
  }, 60_000);

  it('without --change-tool the change is not testable, and says which flag would make it so', async () => {
    const { code, check } = await run('well-behaved', 'stdio', ['--scenario', 'server-announces']);
    expect(code).toBe(1);
    expect(check('server-announces', 'server-announces')).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no --change-tool was given: pass --change-tool/) });
  }, 60_000);
});

describe('server mode in the 2026-07-28 era: fixture servers on the official SDK v2', () => {
  const failed = (report: RunReport) => report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'fail').map((check) => check.id));

  it.each(['stdio', 'http'] as const)('a well-behaved server passes every scenario on %s, server-listen included', async (transport) => {
    const { code, stderr, report, check } = await run('well-behaved', transport, CHANGES, 'modern');
    expect(code, stderr).toBe(0);
    expect(report.options.eras).toEqual(['modern']);
    expect(report.cells.length).toBe(transport === 'stdio' ? 6 : 7);
    expect(check('server-listen', 'server-listen')?.message).toMatch(/^[23] listen\(s\) acknowledged first, each with its subscriptionId; .* was sent nothing for it$/);
    if (transport === 'http') expect(check('server-fanout', 'server-fanout')?.message).toMatch(/\[C\] opened no listen stream, so nothing could reach it/);
  }, 60_000);

  it('telling only the instance that served the call reaches no listen stream over HTTP (the SDK v2 pitfall)', async () => {
    const { code, check } = await run('per-session', 'http', [...CHANGES, '--scenario', 'server-announces,server-fanout'], 'modern');
    expect(code).toBe(1);
    expect(check('server-announces', 'server-announces')?.status).toBe('fail');
    expect(check('server-fanout', 'server-fanout')?.message).toMatch(/A was not told either: the server announces this change to no session/);
  }, 60_000);

  it.each([
    ['notify-before-update', 'stdio', 'server-update-before-notify'],
    ['notify-before-update', 'http', 'server-update-before-notify'],
    ['silent-background', 'stdio', 'server-background'],
    ['silent-background', 'http', 'server-background'],
    ['throttled', 'stdio', 'server-storm'],
    ['throttled', 'http', 'server-storm'],
    ['broadcasting', 'stdio', 'server-listen'],
  ] as const)('%s on %s fails %s and nothing else', async (fixture, transport, id) => {
    const scenarios = id === 'server-listen' ? 'server-announces,server-listen' : `server-announces,${id}`;
    const { code, report } = await run(fixture, transport, [...CHANGES, '--scenario', scenarios], 'modern');
    expect(code).toBe(1);
    expect(failed(report)).toEqual([id]);
  }, 60_000);

  it.each(['stdio', 'http'] as const)('a server that does not advertise listChanged is never listened to on %s, and says why', async (transport) => {
    const { code, check } = await run('unadvertised', transport, [...CHANGES, '--scenario', 'server-announces,server-capability'], 'modern');
    expect(code).toBe(1);
    expect(check('server-announces', 'server-announces')?.message).toMatch(/never sent tools\/list_changed \(it does not advertise listChanged for tools\)$/);
    expect(check('server-capability', 'server-capability')).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the server announced no list change \(it advertises listChanged for \[\]\)/) });
  }, 60_000);
});
