import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../src/judging/run-report.js';
import { runChild } from './child.js';
import type { Target, TargetRun } from './target-file.js';

export interface PlayOptions {
  /** The harness CLI (`dist/src/cli.js`), absolute. */
  cli: string;
  /** Where this play's runs write: `<outDir>/<label>` for each run. */
  outDir: string;
  jobs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One `runs[]` entry played: its report, or why the harness could not judge it. */
export interface PlayedRun {
  index: number;
  run: TargetRun;
  ms: number;
  report?: RunReport;
  fault?: string;
}

/** The `mcp-notify-check` argv for one run of a target. */
export function runArgv(run: TargetRun, options: { cli: string; out: string; jobs: number }): string[] {
  return [
    process.execPath, options.cli, 'run', ...run.args,
    '--transport', run.transports.join(','),
    ...(run.eras ? ['--era', run.eras.join(',')] : []),
    '--reporter', `json:${join(options.out, 'report.json')}`,
    '--out', options.out, '--quiet', '--jobs', String(options.jobs),
  ];
}

function readReport(path: string): RunReport | string {
  if (!existsSync(path)) return 'it wrote no JSON report';
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as RunReport;
    return Array.isArray(report.cells) ? report : 'its JSON report has no cells[]';
  } catch (error) {
    return `its JSON report is not valid JSON: ${(error as Error).message}`;
  }
}

/** Plays one run: exit 0 or 1 is a report to judge; anything else is a harness fault, told with stderr's last line. */
export async function playRun(target: Target, index: number, label: string, options: PlayOptions): Promise<PlayedRun> {
  const run = target.runs[index];
  if (!run) throw new Error(`${target.name} has no run ${index}`);
  const out = join(options.outDir, label);
  mkdirSync(out, { recursive: true });
  const outcome = await runChild({
    argv: runArgv(run, { cli: options.cli, out, jobs: options.jobs }),
    cwd: target.dir,
    logFile: join(out, 'harness.log'),
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const base = { index, run, ms: outcome.ms };
  const where = `run ${index} (${run.transports.join(', ')})`;
  if (outcome.spawnError) return { ...base, fault: `${where}: ${outcome.spawnError}` };
  if (outcome.timedOut) return { ...base, fault: `${where}: stopped after the ${options.timeoutMs} ms cap` };
  if (outcome.code !== 0 && outcome.code !== 1) {
    const last = outcome.stderrTail.at(-1) ?? '(nothing on stderr)';
    return { ...base, fault: `${where}: harness exit ${outcome.code ?? 'by signal'}: ${last}` };
  }
  const report = readReport(join(out, 'report.json'));
  return typeof report === 'string' ? { ...base, fault: `${where}: ${report}` } : { ...base, report };
}
