import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateCheck } from '../checks/registry.js';
import type { CheckResult, CheckStatus, Measurement } from '../checks/types.js';
import { checkById } from '../checks/registry.js';
import type { Scenario } from '../scenarios/schema.js';
import type { TransportKind } from '../trace/events.js';
import { type Trace, writeTrace } from '../trace/trace.js';
import { VERSION } from '../version.js';
import type { GatewayOptions } from '../targets/gateway-target.js';
import { runCell } from './cell.js';
import { type CellReport, type ExcludedCell, type RunReport, summarize } from './report.js';

export interface PlanOptions {
  scenarios: readonly Scenario[];
  transports: readonly TransportKind[];
  target: string;
  outDir: string;
  debounceMs?: number;
  repeat: number;
  strict: boolean;
  cellTimeoutMs: number;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Gateway mode: the gateway to sandwich between the mock and the probe. */
  gateway?: GatewayOptions;
  /** Told about each cell as it finishes (progress output). */
  onCell?: (cell: CellReport) => void;
}

/** Which cells run, and which are excluded with the scenario's written reason. */
export function expandPlan(scenarios: readonly Scenario[], transports: readonly TransportKind[], stdioDownstream = false) {
  const cells: { scenario: Scenario; transport: TransportKind }[] = [];
  const excluded: ExcludedCell[] = [];
  for (const scenario of scenarios) {
    for (const transport of transports) {
      if (stdioDownstream && scenario.notWithStdioDownstream) {
        excluded.push({ scenario: scenario.id, transport, reason: scenario.notWithStdioDownstream });
      } else if (scenario.transports.includes(transport)) cells.push({ scenario, transport });
      else excluded.push({ scenario: scenario.id, transport, reason: scenario.exclusions[transport] ?? 'not applicable' });
    }
  }
  return { cells, excluded };
}

export function judge(trace: Trace): CheckResult[] {
  return trace.meta.scenario.checks.map((ref) => evaluateCheck(ref.id, trace, ref.options));
}

const RANK: Record<CheckStatus, number> = { fail: 4, warn: 3, info: 2, skip: 1, pass: 0 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Folds repeated runs of one cell: the worst status wins; numeric measurements become p50/p95. */
export function foldRepeats(runs: readonly CheckResult[][]): CheckResult[] {
  const first = runs[0] ?? [];
  if (runs.length < 2) return first;
  return first.map((result, index) => {
    const all = runs.map((run) => run[index]).filter((r): r is CheckResult => r !== undefined);
    const worst = all.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
    const measurements: Record<string, Measurement> = { ...worst.measurements, runs: all.length };
    for (const key of Object.keys(result.measurements)) {
      const values = all.map((r) => r.measurements[key]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
      if (values.length === all.length) {
        measurements[`${key}.p50`] = percentile(values, 50);
        measurements[`${key}.p95`] = percentile(values, 95);
      }
    }
    const failed = all.filter((r) => r.status === 'fail').length;
    const message = failed ? `${worst.message} (failed ${failed} of ${all.length} runs)` : worst.message;
    return { ...worst, message, measurements };
  });
}

/** Runs every cell, one at a time, and builds the report. Traces go to `<outDir>/traces/<scenario>.<transport>.jsonl`. */
export async function runPlan(options: PlanOptions): Promise<RunReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { cells: plan, excluded } = expandPlan(options.scenarios, options.transports, options.gateway?.downstream === 'stdio');
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
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.gateway ? { gateway: options.gateway } : {}),
    });
    const path = join(traceDir, name);
    await writeTrace(path, run.trace);
    return { run, path, checks: run.error ? [] : judge(run.trace) };
  };

  for (const { scenario, transport } of plan) {
    if (options.signal?.aborted) break;
    const base = `${scenario.id}.${transport}`;
    const runs: CheckResult[][] = [];
    let attempts = 0;
    let last: Awaited<ReturnType<typeof play>> | undefined;
    for (let i = 0; i < options.repeat; i++) {
      attempts += 1;
      let result = await play(scenario, transport, options.repeat > 1 ? `${base}.run${i + 1}.jsonl` : `${base}.jsonl`);
      // A failing timing check is re-run alone before it is reported: one slow moment on a loaded runner is not a verdict.
      const timingFailed = result.checks.some((check) => check.status === 'fail' && checkById(check.id).timing);
      if (!result.run.error && timingFailed && !options.signal?.aborted) {
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
  return {
    tool: { name: 'mcp-notify-check', version: VERSION },
    target: options.target,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    options: {
      transports: [...options.transports],
      scenarios: options.scenarios.map((scenario) => scenario.id),
      ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
      repeat: options.repeat,
      strict: options.strict,
    },
    cells,
    excluded,
    summary: summarize(cells),
    ...(error ? { error } : {}),
  };
}
