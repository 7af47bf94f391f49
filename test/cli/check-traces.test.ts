import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { writeTrace } from '../../src/trace/file.js';
import { CLI, runCli } from '../helpers/cli.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'mnc-check-traces-'));
const NAMES = ['a.jsonl', 'b.jsonl', 'c.jsonl'];
const paths = NAMES.map((name) => join(dir, name));

beforeAll(async () => {
  const trace = new TraceBuilder().withChecks('relist-after-notify').opened().snapshot({ tools: ['a'] }).relist('tools', ['a'], 0)
    .mutate('b', 1).notify().wait(60).relist('tools', ['a', 'b'], 1).wait(500).build();
  for (const path of paths) await writeTrace(path, trace);
});

/** The trace paths a JSON report's cells were judged from. */
const judged = (stdout: string) => (JSON.parse(stdout) as RunReport).cells.map((cell) => cell.trace);

describe('check --trace', () => {
  it('takes several files after one --trace', async () => {
    const result = await runCli(['check', '--trace', ...paths, '--reporter', 'json']);
    expect(result.stderr).not.toMatch(/too many arguments/);
    // Judged, not refused: exit 1, since the synthetic trace fails a check (exit 2 would be a usage error).
    expect(result.code).toBe(1);
    expect(judged(result.stdout)).toEqual(paths);
  });

  it('takes --trace repeated, as before', async () => {
    const result = await runCli(['check', '--trace', paths[0] ?? '', '--trace', paths[1] ?? '', '--reporter', 'json']);
    expect(judged(result.stdout)).toEqual(paths.slice(0, 2));
  });

  it('takes what a shell glob expands to, and the summary names the folder they are in', async () => {
    // The shell expands the glob; exit 1 (a check failed on the synthetic trace) is not what this test is about.
    const script = '"$NODE" "$CLI" check --trace "$DIR"/*.jsonl --reporter json; [ $? -lt 2 ]';
    const { stdout, stderr } = await run('sh', ['-c', script], { env: { ...process.env, NODE: process.execPath, CLI, DIR: dir } });
    expect(judged(stdout)).toEqual(paths);
    expect(stderr).toContain(`traces in ${dir}`);
    expect(stderr).not.toContain('reports/traces');
  });

  it('still asks for at least one file', async () => {
    const result = await runCli(['check', '--reporter', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--trace');
  });
});
