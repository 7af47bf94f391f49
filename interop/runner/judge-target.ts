import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../src/judging/run-report.js';
import { cellName } from '../../src/judging/run-report.js';
import { buildTarget } from './build.js';
import { compare, readExpectations, writeExpectations } from './expect.js';
import { findFlips, flipLines } from './flips.js';
import { playRun } from './play.js';
import { collectCells, statusesOf, type TargetResult, targetResult } from './results.js';
import type { Target } from './target-file.js';

/** How a target came out; the first three are results, the next two harness faults, the last an interruption. */
export type TargetVerdict = 'ok' | 'differs' | 'flipped' | 'no-expect' | 'build-failed' | 'fault' | 'stopped';

export interface TargetOutcome {
  target: Target;
  verdict: TargetVerdict;
  /** What to tell: differences, flips, or why it could not be judged. */
  lines: string[];
  build: { ms: number; cached: boolean };
  runMs: number;
  /** This run's entry for results.json (the first play), when the harness judged the target. */
  result?: TargetResult;
  /** Each cell's trace as the harness wrote it (first play). */
  traces: Record<string, string>;
}

export interface JudgeContext {
  cli: string;
  outDir: string;
  jobs: number;
  timeoutMs: number;
  repeat: number;
  update: boolean;
  rebuild: boolean;
  log: (line: string) => void;
  signal?: AbortSignal;
}

type Play = { run: Target['runs'][number]; ms: number; report: RunReport }[];

/** Plays every run of the target `repeat` times; the first fault ends it. */
async function playAll(target: Target, context: JudgeContext, outDir: string): Promise<Play[] | string> {
  const plays: Play[] = [];
  for (let play = 1; play <= context.repeat; play += 1) {
    const runs: Play = [];
    for (const index of target.runs.keys()) {
      const label = play === 1 ? String(index) : `${index}.${play}`;
      const signal = context.signal ? { signal: context.signal } : {};
      const { cli, jobs, timeoutMs } = context;
      const played = await playRun(target, index, label, { cli, outDir, jobs, timeoutMs, ...signal });
      if (played.fault !== undefined || !played.report) return played.fault ?? 'no report';
      context.log(`${target.name}: run ${label} (${played.run.transports.join(', ')}) judged in ${(played.ms / 1000).toFixed(1)} s`);
      runs.push({ run: played.run, ms: played.ms, report: played.report });
    }
    plays.push(runs);
  }
  return plays;
}

/** Builds the target, plays it, and compares what the harness found with its expect.json (or pins it, `--update`). */
export async function judgeTarget(target: Target, context: JudgeContext): Promise<TargetOutcome> {
  const outDir = join(context.outDir, target.name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const signal = context.signal ? { signal: context.signal } : {};
  const built = await buildTarget(target, { logFile: join(outDir, 'build.log'), timeoutMs: context.timeoutMs, rebuild: context.rebuild, ...signal });
  const base = { target, build: { ms: built.ms, cached: built.cached }, runMs: 0, traces: {} };
  if (context.signal?.aborted) return { ...base, verdict: 'stopped', lines: [] };
  if (!built.ok) return { ...base, verdict: 'build-failed', lines: [`${target.name}: build failed: ${built.failure?.join('\n  ') ?? ''}`] };
  const how = target.build.length === 0 ? 'nothing to build' : built.cached ? 'build up to date' : `built in ${(built.ms / 1000).toFixed(1)} s`;
  context.log(`${target.name}: ${how}`);
  const plays = await playAll(target, context, outDir);
  if (context.signal?.aborted) return { ...base, verdict: 'stopped', lines: [] };
  if (typeof plays === 'string') return { ...base, verdict: 'fault', lines: [`${target.name}: ${plays}`] };
  const [first = []] = plays;
  let result: TargetResult;
  let statuses;
  try {
    result = targetResult(target, { runs: first, buildMs: built.ms });
    statuses = plays.map((play) => statusesOf(collectCells(play.map((entry) => entry.report))));
  } catch (error) {
    return { ...base, verdict: 'fault', lines: [`${target.name}: ${(error as Error).message}`] };
  }
  const traces = Object.fromEntries(first.flatMap((entry) => entry.report.cells.map((cell) => [cellName(cell), cell.trace])));
  const judged = { ...base, runMs: result.runMs, result, traces };
  const flips = flipLines(target.name, findFlips(statuses));
  if (flips.length > 0) return { ...judged, verdict: 'flipped', lines: context.update ? [...flips, `${target.name}: expect.json left as it was (unstable)`] : flips };
  if (context.update) {
    writeExpectations(target.dir, statusesOf(result.cells));
    return { ...judged, verdict: 'ok', lines: [`${target.name}: wrote expect.json (${Object.keys(result.cells).length} cells)`] };
  }
  let expected;
  try {
    expected = readExpectations(target.dir, target.name);
  } catch (error) {
    return { ...judged, verdict: 'fault', lines: [(error as Error).message] };
  }
  if (!expected) return { ...judged, verdict: 'no-expect', lines: [`${target.name}: no expect.json — pin this run with: npm run interop -- --only ${target.name} --update`] };
  const differences = compare(target.name, expected, result.cells);
  if (differences.length > 0) return { ...judged, verdict: 'differs', lines: differences };
  return { ...judged, verdict: 'ok', lines: [`${target.name}: as expected (${Object.keys(result.cells).length} cells)`] };
}
