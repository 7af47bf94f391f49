import { erasOf } from '../model/transports.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../checks/support/check.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { Era, TransportKind } from '../model/words.js';
import { foldRepeats, inconclusiveOf, judge, timingFailed } from '../judging/judge.js';
import { type CellReport, cellFailed, cellName, type ExcludedCell, type FailOn, makeReport, type RunReport } from '../judging/run-report.js';
import { DEFAULT_OPS, type StepRegistry } from '../steps/op-registry.js';
import type { Target } from '../targets/target.js';
import { writeTrace } from '../trace/file.js';
import { VERSION } from '../version.js';
import { type Bind, runCell } from './cell.js';
import { chooseEras } from './era-detect.js';
import { emptyPlan } from './empty-plan.js';
import { gate } from './gate.js';

export interface PlanOptions {
  scenarios: readonly Scenario[];
  transports: readonly TransportKind[];
  /**
   * Protocol eras each transport plays in, where it carries them (default: legacy only); `auto`: the eras the client
   * speaks on each transport, found from its first contact with a dual-era mock (era-detect.ts).
   */
  eras?: readonly Era[] | 'auto';
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
  /** The command line that plays one cell again; set on every failed cell before it is reported. */
  reproduce?: (cell: Pick<CellReport, 'scenario' | 'transport' | 'era' | 'scenarioFile'>) => string;
  /** Told as each cell starts: its place in the plan, for progress output. */
  onCellStart?: (cell: { scenario: string; transport: TransportKind; era: Era; index: number; total: number }) => void;
  /** Run only shard `index` of `count` (1-based): every count-th cell of the plan, so n shards run it once. */
  shard?: { index: number; count: number };
  /**
   * How many cells run at once (default 1), each with its own mock, binding and target. The report lists cells in plan
   * order whatever order they finished in; with more than one job the longest cells start first.
   */
  jobs?: number;
  /** The gate targets start through; several plans running at once share one (default: the plan's own, with jobs > 1). */
  startGate?: () => Promise<() => void>;
}

/**
 * What a cell is expected to wait by design: the sum of what its steps' op records say they wait (sleeps, optional
 * waits, storm schedules, quiet periods). Only an ordering hint, so that with several jobs the long cells start first
 * and the run ends near the longest cell.
 */
export function estimateMs(scenario: Scenario, ops: StepRegistry = DEFAULT_OPS): number {
  return scenario.steps.reduce((total, step) => total + ops.expectedMs(step), 500);
}

/**
 * How many targets may be starting at once: one. A start-up is the heaviest work a cell puts on the cores (a Node
 * client's is ~350 ms of CPU), and it makes the sum of all start-ups the run's floor (21 s for the demo's 56 cells).
 * One per core was tried: the demo took 24 s instead of 30, but the soak (20 runs, a core kept busy, load average ~5)
 * then flipped a staged race and a poller's classification, and the timing error under --jobs rose to 17-22 ms at p95.
 */
export function startWidth(): number {
  return 1;
}

/** The order cells start in: plan order for one job, longest first (stable) for several. */
export function startOrder(cells: readonly { scenario: Scenario }[], jobs: number, ops: StepRegistry = DEFAULT_OPS): number[] {
  const indices = cells.map((_, index) => index);
  if (jobs <= 1) return indices;
  const cost = cells.map((cell) => estimateMs(cell.scenario, ops));
  return indices.sort((a, b) => (cost[b] ?? 0) - (cost[a] ?? 0) || a - b);
}

/** Which cells run (scenario × transport × era), and which the target excludes with a written reason. */
export function expandPlan(
  scenarios: readonly Scenario[],
  transports: readonly TransportKind[],
  target: Pick<Target, 'excludes'>,
  eras: readonly Era[] | ((transport: TransportKind) => readonly Era[]) = ['legacy'],
) {
  const erasFor = typeof eras === 'function' ? eras : () => eras;
  const cells: { scenario: Scenario; transport: TransportKind; era: Era }[] = [];
  const excluded: ExcludedCell[] = [];
  for (const scenario of scenarios) {
    for (const transport of transports) {
      for (const era of erasFor(transport)) {
        // Legacy HTTP+SSE has no modern form: not a cell at all, rather than an exclusion in every scenario.
        if (!erasOf(transport).includes(era)) continue;
        const reason = target.excludes(scenario, transport, era);
        if (reason === undefined) cells.push({ scenario, transport, era });
        else excluded.push({ scenario: scenario.id, transport, era, reason });
      }
    }
  }
  return { cells, excluded };
}

/** Runs every cell (`jobs` at a time) and builds the report. Traces go to `<outDir>/traces/<scenario>.<transport>.jsonl`. */
export async function runPlan(options: PlanOptions): Promise<RunReport> {
  const begun = performance.now();
  const startedAt = new Date().toISOString();
  const failOn = options.failOn ?? 'all';
  const traceDir = join(options.outDir, 'traces');
  await mkdir(traceDir, { recursive: true });
  const { erasFor, unplayed } = await chooseEras(options, traceDir);
  // A scenario that waits out the target's window cannot be played when none was declared.
  const excludes: Target['excludes'] = (scenario, transport, era) =>
    scenario.needsWindow !== undefined && options.debounceMs === undefined
      ? scenario.needsWindow
      : options.target.excludes(scenario, transport, era);
  const { cells: plan, excluded } = expandPlan(options.scenarios, options.transports, { excludes }, erasFor);
  const eras = [...new Set(plan.map((cell) => cell.era))];
  let error: RunReport['error'];

  const mine = options.shard ? plan.filter((_, i) => i % (options.shard?.count ?? 1) === (options.shard?.index ?? 1) - 1) : plan;
  if (mine.length === 0) throw emptyPlan(options, excluded, plan.length);
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, mine.length));
  // With several jobs, targets start one per core at a time (a start-up is the heaviest work a cell puts on the cores).
  const startGate = options.startGate ?? (jobs > 1 ? gate(startWidth()) : undefined);
  const play = async (scenario: Scenario, transport: TransportKind, era: Era, name: string) => {
    const run = await runCell({
      scenario,
      transport,
      era,
      target: options.target,
      ...(options.eras === 'auto' ? { speaks: erasFor(transport) } : {}),
      timeoutMs: options.cellTimeoutMs,
      ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.ops ? { ops: options.ops } : {}),
      ...(options.bind ? { bind: options.bind } : {}),
      ...(startGate ? { startGate } : {}),
    });
    const path = join(traceDir, name);
    await writeTrace(path, run.trace);
    return { run, path, checks: run.error ? [] : judge(run.trace, failOn) };
  };

  const playCell = async (scenario: Scenario, transport: TransportKind, era: Era): Promise<CellReport | undefined> => {
    const base = cellName({ scenario: scenario.id, transport, era });
    // The scenario as played, where `--scenario-file` can load it again: a user edits it to bisect a failure.
    const scenarioFile = join(traceDir, `${base}.scenario.json`);
    await writeFile(scenarioFile, `${JSON.stringify(scenario, null, 2)}\n`);
    const runs: CheckResult[][] = [];
    let attempts = 0;
    let last: Awaited<ReturnType<typeof play>> | undefined;
    for (let i = 0; i < options.repeat; i++) {
      attempts += 1;
      let result = await play(scenario, transport, era, options.repeat > 1 ? `${base}.run${i + 1}.jsonl` : `${base}.jsonl`);
      // A failing timing check is re-run alone before it is reported: one slow moment on a loaded runner is not a verdict.
      if (!result.run.error && timingFailed(result.checks) && !options.signal?.aborted) {
        attempts += 1;
        result = await play(scenario, transport, era, options.repeat > 1 ? `${base}.run${i + 1}.rerun.jsonl` : `${base}.rerun.jsonl`);
      }
      last = result;
      runs.push(result.checks);
      if (result.run.error) break;
    }
    if (!last) return undefined;
    const cell: CellReport = {
      scenario: scenario.id,
      transport,
      era,
      durationMs: last.run.durationMs,
      attempts,
      trace: last.path,
      scenarioFile,
      checks: foldRepeats(runs),
    };
    const inconclusive = last.run.error ? undefined : inconclusiveOf(cell.checks);
    if (inconclusive !== undefined) cell.inconclusive = inconclusive;
    if (last.run.error) {
      const { code, message, hint } = last.run.error;
      cell.error = { code, message, ...(hint ? { hint } : {}) };
    }
    if (options.reproduce && cellFailed(cell)) cell.reproduce = options.reproduce(cell);
    return cell;
  };

  const order = startOrder(mine, jobs, options.ops);
  const done: (CellReport | undefined)[] = [];
  let started = 0;
  const worker = async () => {
    // A harness error (the target cannot start, a cell hangs) would repeat in every cell: start no more, and report.
    while (!error && !options.signal?.aborted) {
      const slot = order[started];
      const next = slot === undefined ? undefined : mine[slot];
      if (slot === undefined || !next) return;
      started += 1;
      const { scenario, transport, era } = next;
      options.onCellStart?.({ scenario: scenario.id, transport, era, index: started, total: mine.length });
      const cell = await playCell(next.scenario, next.transport, next.era);
      if (!cell) continue;
      done[slot] = cell;
      options.onCell?.(cell);
      error ??= cell.error;
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const cells = done.filter((cell): cell is CellReport => cell !== undefined);
  if (options.signal?.aborted && !error) error = { code: 'INTERRUPTED', message: 'the run was interrupted; the report covers the cells that finished' };
  return makeReport(
    {
      target: options.target.label,
      startedAt,
      durationMs: Math.round(performance.now() - begun),
      options: {
        transports: [...options.transports],
        eras: [...eras],
        ...options.target.facts,
        scenarios: options.scenarios.map((scenario) => scenario.id),
        ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
        repeat: options.repeat,
        strict: options.strict,
        failOn,
        ...(jobs > 1 ? { jobs } : {}),
      },
      cells,
      excluded,
      ...(unplayed.length ? { unplayed } : {}),
      ...(error ? { error } : {}),
    },
    { name: 'mcp-notify-check', version: VERSION },
  );
}
