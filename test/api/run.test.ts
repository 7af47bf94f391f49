import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
// The package by its name, as a user's test suite imports it (the built copy: npm test builds first).
import { demo, HarnessError, run, type RunReport } from 'mcp-notify-check';

const NEVER_RELISTS = `node ${fileURLToPath(new URL('../../dist/test/fixtures/targets/never-relists.js', import.meta.url))}`;
/** One cell: refresh-on-add on stdio in the 2025 era. */
const ONE_CELL = { scenario: 'refresh-on-add', transport: 'stdio', era: 'legacy' };
const out = () => mkdtempSync(join(tmpdir(), 'mnc-api-'));

/** Each cell as `scenario.transport.era` with the status of every check. */
function statuses(report: RunReport): Record<string, Record<string, string>> {
  return Object.fromEntries(
    report.cells.map((cell) => [`${cell.scenario}.${cell.transport}.${cell.era}`, Object.fromEntries(cell.checks.map((check) => [check.id, check.status]))]),
  );
}

/** Runs `body` and returns what it gave, with every write to the process's own stdout and stderr meanwhile. */
async function watchingOutput<T>(body: () => Promise<T>): Promise<{ result: T; written: unknown[][] }> {
  const stdout = vi.spyOn(process.stdout, 'write');
  const stderr = vi.spyOn(process.stderr, 'write');
  try {
    const result = await body();
    return { result, written: [...stdout.mock.calls, ...stderr.mock.calls] };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** A stream that keeps what is written to it. */
function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

describe('run()', () => {
  it('passes the bundled reference client (demo) on one cell with exit code 0, printing nothing', async () => {
    const { result, written } = await watchingOutput(() => demo({ ...ONE_CELL, out: out() }));
    expect(result.exitCode).toBe(0);
    expect(statuses(result.report)).toEqual({
      'refresh-on-add.stdio.legacy': {
        'target-connects': 'pass', 'relist-after-notify': 'pass', 'converges': 'pass', 'target-survives': 'pass', 'target-cleanup': 'pass',
      },
    });
    const summary = { pass: 5, fail: 0, warn: 0, skip: 0, info: 0, xfail: 0, untested: 0, inconclusive: 0 };
    expect(result.report.summary).toEqual(summary);
    expect(written).toEqual([]);
  }, 60_000);

  it('fails a client that never re-lists with exit code 1 on exactly relist-after-notify and converges', async () => {
    const stdout = collector();
    const options = { client: NEVER_RELISTS, ...ONE_CELL, reporter: ['json'], out: out() };
    const { result, written } = await watchingOutput(() => run(options, { stdout }));
    expect(result.exitCode).toBe(1);
    expect(statuses(result.report)).toEqual({
      'refresh-on-add.stdio.legacy': {
        'target-connects': 'pass', 'relist-after-notify': 'fail', 'converges': 'fail', 'target-survives': 'pass', 'target-cleanup': 'pass',
      },
    });
    // The report model is what the JSON reporter prints, and it printed to the stream it was given, not the process's.
    expect(JSON.parse(stdout.text())).toEqual(result.report);
    expect(written).toEqual([]);
  }, 60_000);

  it('rejects options a config file could not hold with the config file\'s HarnessError, printing nothing', async () => {
    const { written } = await watchingOutput(async () => {
      const typo = run({ client: NEVER_RELISTS, transprt: 'stdio' } as never);
      await expect(typo).rejects.toBeInstanceOf(HarnessError);
      await expect(typo).rejects.toMatchObject({ code: 'BAD_CONFIG', message: 'run(): transprt: unknown option; did you mean "transport"?' });
      await expect(run({ client: NEVER_RELISTS, repeat: 0 })).rejects.toMatchObject({
        code: 'BAD_CONFIG',
        message: 'run(): repeat: Too small: expected number to be >=1',
      });
      // What the CLI refuses after parsing is its own code, as the CLI says it.
      await expect(run({ client: NEVER_RELISTS, gateway: NEVER_RELISTS, out: out() })).rejects.toMatchObject({
        code: 'BAD_OPTION',
        message: '--client and --gateway cannot be used together',
      });
    });
    expect(written).toEqual([]);
  });

  it('stops when its signal aborts: the cell in play is reported interrupted, the next one never starts, exit code 130', async () => {
    // A client that calls the test home once it runs, then hangs: the abort comes while its cell is in play.
    const stop = new AbortController();
    const home = createServer((_req, res) => {
      res.end();
      stop.abort();
    });
    await new Promise<void>((resolve) => home.listen(0, '127.0.0.1', resolve));
    const { port } = home.address() as AddressInfo;
    const client = `node -e 'fetch("http://127.0.0.1:${port}/").catch(() => {}); setInterval(() => {}, 1000)'`;
    try {
      const scenarios = { ...ONE_CELL, scenario: 'refresh-on-add,refresh-on-remove', jobs: 1 };
      const { result, written } = await watchingOutput(() => run({ client, ...scenarios, out: out() }, { signal: stop.signal }));
      expect(result.exitCode).toBe(130);
      expect(result.report.cells.map((cell) => ({ scenario: cell.scenario, error: cell.error, checks: cell.checks }))).toEqual([
        { scenario: 'refresh-on-add', error: { code: 'INTERRUPTED', message: 'interrupted' }, checks: [] },
      ]);
      expect(result.report.error).toEqual({ code: 'INTERRUPTED', message: 'interrupted' });
      expect(written).toEqual([]);
    } finally {
      home.close();
    }
  }, 60_000);

  it('plays nothing when its signal has already aborted', async () => {
    const result = await run({ client: NEVER_RELISTS, ...ONE_CELL, out: out() }, { signal: AbortSignal.abort() });
    expect(result.exitCode).toBe(130);
    expect(result.report.cells).toEqual([]);
    expect(result.report.error?.code).toBe('INTERRUPTED');
  });
});
