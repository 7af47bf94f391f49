// Real servers from npm, pinned as devDependencies: the official "everything" server and a server built with the fastmcp
// framework. What the tool finds in them is in the README ("What it finds in real servers"); these tests hold it there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const EVERYTHING = `${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
const FASTMCP = `${root}dist/test/fixtures/servers/fastmcp-server.js`;
const WATCHED = join(mkdtempSync(join(tmpdir(), 'mnc-third-party-')), 'change-{port}');

/** The everything server's one catalogue change: a tool call that registers a resource on the calling session. */
const EVERYTHING_CHANGE = ['--change-tool', 'gzip-file-as-resource', '--change-args', '{"name":"notify-check.gz","data":"data:text/plain;base64,aGVsbG8="}'];
const FASTMCP_CHANGES = ['--change-tool', 'change_catalogue', '--change-cmd', `touch ${WATCHED}`];

type Transport = 'stdio' | 'http' | 'sse';

/** How the harness starts each server on each transport (the everything server takes its port from $PORT only). */
function serverArgs(server: 'everything' | 'fastmcp', transport: Transport): string[] {
  const path = transport === 'sse' ? 'sse' : 'mcp';
  const url = ['--server-url', `http://127.0.0.1:{port}/${path}`];
  if (server === 'everything') {
    if (transport === 'stdio') return ['--server', `node ${EVERYTHING} stdio`, ...EVERYTHING_CHANGE];
    return ['--server', `PORT={port} node ${EVERYTHING} ${transport === 'sse' ? 'sse' : 'streamableHttp'}`, ...url, ...EVERYTHING_CHANGE];
  }
  const command = `MCP_FIXTURE_CHANGE_FILE=${WATCHED} node ${FASTMCP}`;
  if (transport === 'stdio') return ['--server', command, ...FASTMCP_CHANGES];
  // One process serves Streamable HTTP at /mcp and legacy SSE at /sse.
  return ['--server', `${command} --transport http-stream --port {port} --host 127.0.0.1`, ...url, ...FASTMCP_CHANGES];
}

async function run(server: 'everything' | 'fastmcp', transport: Transport) {
  const result = await runCli(
    ['run', ...serverArgs(server, transport), '--reporter', 'json', '--out', `reports/e2e/third-party-${server}-${transport}`, '--quiet'],
    { timeoutMs: 90_000 },
  );
  const report = JSON.parse(result.stdout) as RunReport;
  const own = (cell: RunReport['cells'][number]) => cell.checks.find((check) => check.id === cell.scenario);
  const verdicts = Object.fromEntries(report.cells.map((cell) => [cell.scenario, own(cell)]));
  return { ...result, report, verdicts };
}

describe('the official everything server (@modelcontextprotocol/server-everything 2026.8.31)', () => {
  it.each(['stdio', 'http', 'sse'] as const)('announces its per-session resource change to the session that made it, on %s', async (transport) => {
    const { code, verdicts, report } = await run('everything', transport);
    expect(code).toBe(1);
    expect(verdicts['server-announces']?.message).toMatch(/^session A was told .* ms after its call added resources \[demo:\/\/resource\/session\/notify-check\.gz\]/);
    expect(verdicts['server-capability']?.status).toBe('pass');
    expect(verdicts['server-update-before-notify']?.status).toBe('pass');
    expect(verdicts['server-storm']?.status).toBe('pass');
    // It has no change to make from outside a request: not testable, and says which flag would make it so.
    expect(verdicts['server-background']).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no --change-cmd was given/) });
    if (transport !== 'stdio') {
      // The resource is registered on the calling session only: the others owe nothing, reported as info.
      expect(verdicts['server-fanout']).toMatchObject({ status: 'info' });
      expect(verdicts['server-fanout']?.message).toMatch(/^the change made through A is scoped to that session: \[B, C\] do not see it/);
    }
    if (transport === 'http') {
      // Its event store replays answers to POST requests on a resumed GET stream (the MUST NOT), and not the missed
      // list_changed (replay is a MAY: measured, never failed).
      const resume = report.cells.find((cell) => cell.scenario === 'server-resume');
      expect(resume?.checks.find((check) => check.id === 'server-resume-other-streams')).toMatchObject({
        status: 'fail', severity: 'MUST', message: expect.stringMatching(/replayed \d+ answer\(s\) to requests, which belong to those requests' own streams$/),
      });
      expect(verdicts['server-resume']).toMatchObject({ status: 'info', severity: 'MAY' });
    }
    const failed = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'fail').map((check) => check.id));
    expect(failed.sort()).toEqual(transport === 'http' ? ['server-resume-other-streams'] : []);
    // Nothing in server-background could be judged without --change-cmd: that cell is inconclusive, and fails the run.
    expect(report.cells.filter((cell) => cell.inconclusive !== undefined).map((cell) => cell.scenario)).toEqual(['server-background']);
  }, 90_000);

  it('does not speak the 2026-07-28 revision: a target-connects verdict with its reason, at once', async () => {
    const result = await runCli(['run', '--era', 'modern', '--server', `node ${EVERYTHING} stdio`, ...EVERYTHING_CHANGE,
      '--scenario', 'server-announces', '--reporter', 'json', '--out', 'reports/e2e/third-party-everything-modern', '--quiet'], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as RunReport;
    const connects = report.cells[0]?.checks.find((check) => check.id === 'target-connects');
    expect(connects?.message).toMatch(/the server refused session A: Version negotiation failed: .* pinned protocol version/);
    // At once: one play (a refusal is not a timing failure to play again), and what depended on it is untested.
    expect(report.cells[0]?.attempts).toBe(1);
    expect(report.cells[0]?.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['target-connects']);
  }, 60_000);
});

describe('a fastmcp 4.20.16 server that adds tools at run time', () => {
  it.each(['stdio', 'http', 'sse'] as const)('tells every session, but announces tools without advertising listChanged, on %s', async (transport) => {
    const { code, verdicts, report } = await run('fastmcp', transport);
    expect(code).toBe(1);
    expect(verdicts['server-capability']?.message).toBe('it announced changes to [tools] without advertising listChanged for it (it advertises [])');
    for (const scenario of ['server-announces', 'server-background', 'server-update-before-notify', 'server-storm']) {
      expect(verdicts[scenario]?.status, scenario).toBe('pass');
    }
    if (transport !== 'stdio') expect(verdicts['server-fanout']?.status).toBe('pass');
    // mcp-proxy (its HTTP layer) keeps an event store that replays a dropped GET stream.
    if (transport === 'http') expect(verdicts['server-resume']?.status).toBe('pass');
    const failed = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'fail').map((check) => check.id));
    expect(failed).toEqual(['server-capability']);
    // No keyword forbids announcing what the capability does not advertise: best practice, not a MUST.
    expect(report.cells.flatMap((cell) => cell.checks).find((check) => check.id === 'server-capability')).toMatchObject({ severity: 'best-practice' });
  }, 90_000);
});
