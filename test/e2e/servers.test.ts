import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
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
    expect(report.cells.length).toBe({ stdio: 5, sse: 6, http: 8 }[transport]);
    expect(check('server-storm', 'server-storm')?.status).toBe('pass');
    expect(report.summary.fail).toBe(0);
    expect(report.options.transports).toEqual([transport]);
    expect(check('server-announces', 'server-announces')?.status).toBe('pass');
    if (transport !== 'stdio') {
      expect(check('server-fanout', 'server-fanout')?.status).toBe('pass');
      // On Streamable HTTP session C has no GET stream: reported as lost by design, not failed.
      if (transport === 'http') expect(check('server-fanout', 'server-fanout')?.message).toMatch(/\[C\] opened no standalone GET stream/);
    } else {
      expect(report.excluded.map((cell) => cell.scenario)).toEqual([
        'server-fanout', 'server-listen', 'server-resume', 'server-streams', 'server-listen-teardown', 'server-cache-hints',
      ]);
    }
    if (transport === 'http') {
      // One announcement, on the GET stream only; its events carry no ids (no event store), which is said, not failed.
      expect(check('server-streams', 'server-no-broadcast')?.message).toMatch(/^session S was sent each of its \d+ message\(s\) on one of its 3 streams only: notifications\/tools\/list_changed on the GET stream \(#2\)/);
      expect(check('server-streams', 'server-event-ids-unique')).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the server gave no SSE event an id/) });
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

  // A session's several streams (Streamable HTTP only): one announcement on two of them, and event ids that restart per stream.
  it.each([
    ['both-streams', 'server-no-broadcast', /^the same notifications\/tools\/list_changed was sent on 2 streams of session S: the GET stream \(#2\) and the tools\/call stream \(#3\)$/],
    ['restarting-ids', 'server-event-ids-unique', /^SSE event id "1" was given on the initialize stream \(#1\), the GET stream \(#2\) and the tools\/call stream \(#3\) of session S/],
  ] as const)('%s on http fails %s and nothing else', async (fixture, id, message) => {
    const { code, report, check } = await run(fixture, 'http', [...CHANGES, '--scenario', 'server-announces,server-streams']);
    expect(code).toBe(1);
    expect(report.cells.flatMap((cell) => cell.checks.filter((each) => each.status === 'fail').map((each) => each.id))).toEqual([id]);
    expect(check('server-streams', id)?.message).toMatch(message);
  }, 60_000);

  it('a resumable server gives every SSE event of a session an id of its own, on one stream each', async () => {
    const { code, stderr, check } = await run('resumable', 'http', ['--change-tool', 'change_catalogue', '--scenario', 'server-streams']);
    expect(code, stderr).toBe(0);
    expect(check('server-streams', 'server-event-ids-unique')?.message).toMatch(/^\d+ SSE event id\(s\) over 3 stream\(s\) of session S, none repeated$/);
    expect(check('server-streams', 'server-no-broadcast')?.status).toBe('pass');
  }, 60_000);

  it('resumability on Streamable HTTP: replayed (pass), ids without a replay (a MAY: info), no ids (measured, info)', async () => {
    const resume = ['--change-tool', 'change_catalogue', '--scenario', 'server-resume'];
    const replaying = await run('resumable', 'http', resume);
    expect(replaying.code, replaying.stderr).toBe(0);
    expect(replaying.check('server-resume', 'server-resume')?.message).toMatch(/^the change made while the stream was down was replayed/);
    const sdkStore = await run('sdk-event-store', 'http', resume);
    expect(sdkStore.code).toBe(0);
    expect(sdkStore.check('server-resume', 'server-resume')).toMatchObject({
      status: 'info', severity: 'MAY', message: expect.stringMatching(/^its GET events carry ids, but the change made while the stream was down was not replayed/),
    });
    expect(sdkStore.check('server-resume', 'server-resume-other-streams')?.status).toBe('pass');
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
    expect(report.cells.length).toBe(transport === 'stdio' ? 8 : 9);
    expect(check('server-listen', 'server-listen')?.message).toMatch(/^[23] listen\(s\) acknowledged first, each with its subscriptionId; .* was sent nothing for it$/);
    // Stopped with its listens open, it cancels each (and answers each with the SDK's closing result).
    expect(check('server-listen-teardown', 'server-listen-teardown')?.message).toBe('when stopped (SIGTERM), the server sent ' +
      `notifications/cancelled referencing each of its ${transport === 'stdio' ? 1 : 2} open listen(s), and answered each with a closing result carrying its subscriptionId`);
    expect(check('server-cache-hints', 'server-cache-hints')?.message).toMatch(/^all \d+ page\(s\) of \[tools\] carried ttlMs >= 0 and cacheScope; no list came in more than one page/);
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

  // Stopped with its listens open: silent, or as the SDK v2 (2.4.0) closes them (a closing result, no notifications/cancelled).
  it.each([
    ['silent-teardown', 'stdio', 'was ended with neither notifications/cancelled referencing it nor a closing result'],
    ['silent-teardown', 'http', 'were ended with neither notifications/cancelled referencing them nor a closing result'],
    ['sdk-teardown', 'stdio', 'was answered with a closing result, but sent no notifications/cancelled referencing it'],
    ['sdk-teardown', 'http', 'were answered with a closing result, but sent no notifications/cancelled referencing them'],
  ] as const)('%s on %s fails server-listen-teardown (the cancellation page\'s MUST) and nothing else', async (fixture, transport, says) => {
    const { code, report, check } = await run(fixture, transport, [...CHANGES, '--scenario', 'server-announces,server-listen-teardown'], 'modern');
    expect(code).toBe(1);
    expect(failed(report)).toEqual(['server-listen-teardown']);
    const listens = transport === 'stdio' ? 'A\'s listen "listen:0"' : 'A\'s listen "listen:0" and B\'s listen "listen:0"';
    expect(check('server-listen-teardown', 'server-listen-teardown')).toMatchObject({
      severity: 'MUST', clause: { file: 'basic/patterns/cancellation.mdx' }, message: `when stopped (SIGTERM), ${listens} ${says}`,
    });
  }, 60_000);

  it.each(['stdio', 'http'] as const)('caching hints on %s: one scope on every page (pass), a first page with its own scope (fail)', async (transport) => {
    const scenarios = [...CHANGES, '--scenario', 'server-announces,server-cache-hints'];
    const paginated = await run('paginated', transport, scenarios, 'modern');
    expect(paginated.code, paginated.stderr).toBe(0);
    expect(paginated.check('server-cache-hints', 'server-cache-hints')?.message).toMatch(/; \d+ list request\(s\) of several pages kept one cacheScope throughout$/);
    const firstOnly = await run('first-page-hints', transport, scenarios, 'modern');
    expect(firstOnly.code).toBe(1);
    expect(failed(firstOnly.report)).toEqual(['server-cache-hints']);
    expect(firstOnly.check('server-cache-hints', 'server-cache-hints')?.message).toBe(
      `the tools list gave cacheScope "public" on page 1, "private" on page 2 (session ${transport === 'stdio' ? 'A' : 'A, B, C'})`);
  }, 120_000);

  it.each(['stdio', 'http'] as const)('a server that does not advertise listChanged is never listened to on %s, and says why', async (transport) => {
    const { code, check } = await run('unadvertised', transport, [...CHANGES, '--scenario', 'server-announces,server-capability'], 'modern');
    // Silence about a list it does not advertise is consistent (info); nothing could test server-capability: inconclusive.
    expect(code).toBe(1);
    expect(check('server-announces', 'server-announces')).toMatchObject({
      status: 'info', message: expect.stringMatching(/it was not told: the server does not advertise listChanged for tools, and the spec asks/),
    });
    expect(check('server-capability', 'server-capability')).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the server announced no list change \(it advertises listChanged for \[\]\)/) });
  }, 60_000);
});
