import { checkById, evaluateCheck } from '../checks/check-registry.js';
import { type CheckResult, type CheckStatus, type Measurement } from '../checks/support/check.js';
import type { Trace } from '../trace/trace.js';
import { type FailOn, gradeFailure } from './run-report.js';

/** Checks every cell gets whatever its scenario names: first whether the target connected, last whether it left anything. */
export const EVERY_CELL = { first: ['target-connects'], last: ['target-cleanup'] } as const;

/** Checks of the target's health rather than of what a scenario stages: they alone never make a cell conclusive. */
const HEALTH: ReadonlySet<string> = new Set(['target-connects', 'target-survives', 'target-cleanup']);

/** Judged even when the target never connected: what it left running is its own fault, connected or not. */
const WITHOUT_CONNECTION: ReadonlySet<string> = new Set(['target-connects', 'target-cleanup']);

/** What every other check of a cell says when the target never connected: one cause, one failure. */
export const NEVER_CONNECTED = 'the target never connected (target-connects failed), so nothing here could be staged';

/** The cell-wide checks around every check the trace's scenario names, evaluated and graded against `--fail-on`. */
export function judge(trace: Trace, failOn: FailOn = 'all'): CheckResult[] {
  const named = trace.meta.scenario.checks;
  const unnamed = (id: string) => !named.some((ref) => ref.id === id);
  const implicit = (ids: readonly string[]) => ids.filter(unnamed).map((id) => ({ id, options: {} }));
  const refs = [...implicit(EVERY_CELL.first), ...named, ...implicit(EVERY_CELL.last)];
  const results = refs.map((ref) => gradeFailure(evaluateCheck(ref.id, trace, ref.options), failOn));
  const connects = results.find((result) => result.id === 'target-connects');
  if (connects?.status !== 'fail') return results;
  return results.map((result) =>
    WITHOUT_CONNECTION.has(result.id) ? result : { ...result, status: 'untested', message: NEVER_CONNECTED, evidence: [], decisive: undefined },
  );
}

/**
 * Why a cell is inconclusive: no check the scenario names could be judged (each one untested or not applicable) and
 * nothing failed. Undefined for a cell that showed something.
 */
export function inconclusiveOf(results: readonly CheckResult[]): string | undefined {
  const staged = results.filter((result) => !HEALTH.has(result.id));
  if (staged.length === 0 || results.some((result) => result.status === 'fail')) return undefined;
  if (!staged.every((result) => result.status === 'untested' || result.status === 'skip')) return undefined;
  const reasons = [...new Set(staged.filter((result) => result.status === 'untested').map((result) => result.message))];
  return `no check could be judged${reasons.length ? `: ${reasons.slice(0, 2).join('; ')}` : ''}`;
}

/**
 * True when a check that depends on timing failed on its measurement: such a cell is re-run once before its verdict
 * stands. Not re-run: a "Not testable" result (the target did not do what the check needs, and would not on a re-run),
 * and a decisive failure (what the check waited for never came in a window at least as long as its bound: a slow moment
 * on a loaded runner cannot explain that, and playing the cell again only doubles its time).
 */
export function timingFailed(results: readonly CheckResult[]): boolean {
  return results.some((check) => check.status === 'fail' && !check.decisive && checkById(check.id).timing);
}

const RANK: Record<CheckStatus, number> = { fail: 6, xfail: 5, warn: 4, untested: 3, info: 2, skip: 1, pass: 0 };

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
