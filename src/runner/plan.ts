import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../checks/types.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { TransportKind } from '../model/words.js';
import { foldRepeats, judge, timingFailed } from '../report/judge.js';
import { type CellReport, type ExcludedCell, type FailOn, makeReport, type RunReport } from '../report/model.js';
import type { StepRegistry } from '../steps/registry.js';
import type { Target } from '../targets/target.js';
import { writeTrace } from '../trace/file.js';
import { VERSION } from '../version.js';
import { type Bind, runCell } from './cell.js';

export interface PlanOptions {
  scenarios: readonly Scenario[];
  transports: readonly TransportKind[];
  target: Target;
  outDir: string;
  debounceMs?: number;
  repeat: number;
  strict: boolean;
  failOn?: FailOn;
  cellTimeoutMs: number;
  signal?: AbortSignal;
  ops?: StepRegistry;
  bind?: Bind;
  /** Told about each cell as it finishes (progress output). */
  onCell?: (cell: CellReport) => void;
  /** Told as each cell starts: its place in the plan, for progress output. */
  onCellStart?: (cell: { scenario: string; transport: TransportKind; index: number; total: number }) => void;
  /** Run only shard `index` of `count` (1-based): every count-th cell of the plan, so n shards run it once. */
  shard?: { index: number; count: number };
}

/** Which cells run, and which the target excludes with a written reason. */
export function expandPlan(scenarios: readonly Scenario[], transports: readonly TransportKind[], target: Pick<Target, 'excludes'>) {
  const cells: { scenario: Scenario; transport: TransportKind }[] = [];
  const excluded: ExcludedCell[] = [];
  for (const scenario of scenarios) {
    for (const transport of transports) {
      const reason = target.excludes(scenario, transport);
      if (reason === undefined) cells.push({ scenario, transport });
      else excluded.push({ scenario: scenario.id, transport, reason });
    }
  }
  return { cells, excluded };
}

/** Runs every cell, one at a time, and builds the report. Traces go to `<outDir>/traces/<scenario>.<transport>.jsonl`. */
export async function runPlan(options: PlanOptions): Promise<RunReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { cells: plan, excluded } = expandPlan(options.scenarios, options.transports, options.target);
  const failOn = options.failOn ?? 'all';
  const traceDir = join(options.outDir, 'traces');
  await mkdir(traceDir, { recursive: true });
  const cells: CellReport[] = [];
  let error: RunReport['error'];

  const play = async (scenario: Scenario, transport: TransportKind, name: string) => {
    const run = await runCell({
      scenario,
      transport,
      target: options.target,
      timeoutMs: options.cellTimeoutMs,
      ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.ops ? { ops: options.ops } : {}),
      ...(options.bind ? { bind: options.bind } : {}),
    });
    const path = join(traceDir, name);
    await writeTrace(path, run.trace);
    return { run, path, checks: run.error ? [] : judge(run.trace, failOn) };
  };

  const mine = options.shard ? plan.filter((_, i) => i % (options.shard?.count ?? 1) === (options.shard?.index ?? 1) - 1) : plan;
  for (const [index, { scenario, transport }] of mine.entries()) {
    options.onCellStart?.({ scenario: scenario.id, transport, index: index + 1, total: mine.length });
    if (options.signal?.aborted) break;
    const base = `${scenario.id}.${transport}`;
    const runs: CheckResult[][] = [];
    let attempts = 0;
    let last: Awaited<ReturnType<typeof play>> | undefined;
    for (let i = 0; i < options.repeat; i++) {
      attempts += 1;
      let result = await play(scenario, transport, options.repeat > 1 ? `${base}.run${i + 1}.jsonl` : `${base}.jsonl`);
      // A failing timing check is re-run alone before it is reported: one slow moment on a loaded runner is not a verdict.
      if (!result.run.error && timingFailed(result.checks) && !options.signal?.aborted) {
        attempts += 1;
        result = await play(scenario, transport, options.repeat > 1 ? `${base}.run${i + 1}.rerun.jsonl` : `${base}.rerun.jsonl`);
      }
      last = result;
      runs.push(result.checks);
      if (result.run.error) break;
    }
    if (!last) continue;
    const cell: CellReport = {
      scenario: scenario.id,
      transport,
      durationMs: last.run.durationMs,
      attempts,
      trace: last.path,
      checks: foldRepeats(runs),
    };
    if (last.run.error) {
      const { code, message, hint } = last.run.error;
      cell.error = { code, message, ...(hint ? { hint } : {}) };
    }
    cells.push(cell);
    options.onCell?.(cell);
    if (cell.error) {
      // A harness error (the target cannot start, a cell hangs) would repeat in every cell: stop and report.
      error = cell.error;
      break;
    }
  }
  if (options.signal?.aborted && !error) error = { code: 'INTERRUPTED', message: 'the run was interrupted; the report covers the cells that finished' };
  return makeReport(
    {
      target: options.target.label,
      startedAt,
      durationMs: Math.round(performance.now() - started),
      options: {
        transports: [...options.transports],
        scenarios: options.scenarios.map((scenario) => scenario.id),
        ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
        repeat: options.repeat,
        strict: options.strict,
        failOn,
      },
      cells,
      excluded,
      ...(error ? { error } : {}),
    },
    { name: 'mcp-notify-check', version: VERSION },
  );
}
