import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../../src/errors.js';
import { judgeTarget, type TargetOutcome } from './judge-target.js';
import type { RunnerOptions } from './options.js';
import { type Judged, publish } from './publish.js';
import { selectTargets } from './select.js';
import { exitCodeOf, wallTimeLines } from './summary.js';
import { loadTargets } from './target-file.js';

export interface RunnerIo {
  /** The repository: `interop/`, `docs/`, README.md and the default CLI are found from it. */
  root: string;
  /** Where relative `--cli` and `--out` paths start. */
  cwd: string;
  log: (line: string) => void;
  /** Aborted when the runner is asked to stop: the current target's processes are ended, no other starts. */
  signal?: AbortSignal;
}

/** The harness CLI to judge with, absolute; one that is not there is a clear error. */
function cliPath(options: RunnerOptions, io: RunnerIo): string {
  const path = options.cli === undefined ? join(io.root, 'dist/src/cli.js') : resolve(io.cwd, options.cli);
  if (!existsSync(path)) throw new HarnessError('NO_CLI', `the harness CLI ${path} does not exist`, 'build it (npm run build) or pass --cli <path>');
  return path;
}

/** `npm run interop`: judges the selected targets, writes the matrix, and returns the exit code. */
export async function runInterop(options: RunnerOptions, io: RunnerIo): Promise<number> {
  const all = loadTargets(join(io.root, 'interop'));
  const targets = selectTargets(all, options.only, options.shard);
  const cli = cliPath(options, io);
  const outDir = resolve(io.cwd, options.out);
  io.log(`interop: ${targets.length} target(s): ${targets.map((target) => target.name).join(', ') || '(none)'}`);
  for (const target of all) {
    if (target.unpinned && !targets.includes(target)) io.log(`${target.name}: not pinned, not played (name it with --only): ${target.unpinned}`);
  }
  const outcomes: TargetOutcome[] = [];
  for (const target of targets) {
    if (io.signal?.aborted) break;
    const signal = io.signal ? { signal: io.signal } : {};
    const { jobs, timeout: timeoutMs, repeat, update, rebuild } = options;
    const outcome = await judgeTarget(target, { cli, outDir, jobs, timeoutMs, repeat, update, rebuild, log: io.log, ...signal });
    for (const line of outcome.lines) io.log(line);
    outcomes.push(outcome);
  }
  const judged: Judged[] = [];
  for (const { result, traces } of outcomes) if (result) judged.push({ result, traces });
  if (judged.length > 0) {
    for (const warning of publish(io.root, judged, new Set(all.map((target) => target.name)))) io.log(`warning: ${warning}`);
  }
  for (const line of wallTimeLines(outcomes)) io.log(line);
  const failed = outcomes.filter((outcome) => outcome.verdict !== 'ok');
  const verdicts = failed.map((outcome) => `${outcome.target.name} ${outcome.verdict}`).join(', ');
  io.log(failed.length === 0 ? `interop: ${outcomes.length} target(s) as expected` : `interop: ${verdicts}`);
  return io.signal?.aborted ? 2 : exitCodeOf(outcomes);
}
