import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { CLI, runCli } from '../helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('../../dist/test/fixtures/targets/slow-debounce.js', import.meta.url));
const sh = promisify(execFile);

/** The line after `reproduce:` in the pretty output (the run's stderr), as a user copies it. */
function reproduceLine(stderr: string): string {
  const lines = [...stderr.matchAll(/reproduce: (.+)$/gm)].map((match) => match[1] ?? '');
  expect(lines.length, stderr).toBeGreaterThan(0);
  return lines[0] ?? '';
}

/** Runs a copied line through the shell, the program name pointing at the built CLI, and returns the cell's failing ids. */
async function replay(line: string, out: string): Promise<{ code: number; failing: string[] }> {
  expect(line.startsWith('mcp-notify-check run ')).toBe(true);
  const command = `${process.execPath} ${CLI}${line.slice('mcp-notify-check'.length)} --reporter json --out ${out} --quiet`;
  let stdout: string;
  let code = 0;
  try {
    ({ stdout } = await sh('sh', ['-c', command], { timeout: 90_000 }));
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    code = failed.code ?? -1;
    stdout = failed.stdout ?? '';
  }
  const report = JSON.parse(stdout) as RunReport;
  expect(report.cells).toHaveLength(1);
  return { code, failing: (report.cells[0]?.checks ?? []).filter((check) => check.status === 'fail').map((check) => check.id) };
}

describe('a failed cell carries the one command that replays it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mnc-reproduce-'));
  const client = `node ${FIXTURE}`;

  it('copied from the pretty output of a built-in scenario and run, it fails the same check', async () => {
    // --debounce shapes the verdict (debounce-window judges against it): the line must carry it.
    const first = await runCli(
      ['run', '--client', client, '--scenario', 'debounce-probe', '--transport', 'stdio', '--era', 'legacy', '--debounce', '50', '--out', join(dir, 'first')],
      { timeoutMs: 90_000 },
    );
    expect(first.code, first.stderr).toBe(1);
    const line = reproduceLine(first.stderr);
    expect(line).toBe(`mcp-notify-check run --client 'node ${FIXTURE}' --debounce 50 --scenario debounce-probe --transport stdio --era legacy`);
    expect(await replay(line, join(dir, 'again'))).toEqual({ code: 1, failing: ['debounce-window'] });
  }, 120_000);

  it('a scenario from a file is replayed from the copy played beside the trace, which --scenario-file loads', async () => {
    const out = join(dir, 'edited');
    const first = await runCli(
      ['run', '--client', client, '--scenario', 'debounce-probe', '--transport', 'stdio', '--era', 'legacy', '--debounce', '50', '--out', out, '--reporter', 'json', '--quiet'],
      { timeoutMs: 90_000 },
    );
    const played = (JSON.parse(first.stdout) as RunReport).cells[0]?.scenarioFile ?? '';
    expect(played).toBe(join(out, 'traces', 'debounce-probe.stdio.scenario.json'));
    // A gateway developer edits the played scenario (here: renames it) and plays the file.
    const edited = join(dir, 'my-probe.json');
    writeFileSync(edited, JSON.stringify({ ...(JSON.parse(readFileSync(played, 'utf8')) as object), id: 'my-probe' }));
    const second = await runCli(
      ['run', '--client', client, '--scenario-file', edited, '--transport', 'stdio', '--era', 'legacy', '--debounce', '50', '--out', join(dir, 'file')],
      { timeoutMs: 90_000 },
    );
    expect(second.code, second.stderr).toBe(1);
    const line = reproduceLine(second.stderr);
    const copy = join(dir, 'file', 'traces', 'my-probe.stdio.scenario.json');
    expect(line).toBe(`mcp-notify-check run --client 'node ${FIXTURE}' --debounce 50 --scenario-file ${copy} --transport stdio --era legacy`);
    expect(await replay(line, join(dir, 'file-again'))).toEqual({ code: 1, failing: ['debounce-window'] });
  }, 180_000);
});
