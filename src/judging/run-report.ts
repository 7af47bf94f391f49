import { eraOf } from '../model/eras/all-eras.js';
import { z } from 'zod';
import type { CheckResult, CheckStatus, Severity } from '../checks/support/check.js';
import type { Era, TransportKind } from '../model/words.js';

/** Which severities fail the run: `must` only spec MUSTs, `should` MUSTs and SHOULDs, `all` every check (the default). */
export const FailOnSchema = z.enum(['must', 'should', 'all']);
export type FailOn = z.infer<typeof FailOnSchema>;

const FAILING: Record<FailOn, ReadonlySet<Severity>> = {
  must: new Set(['MUST']),
  should: new Set(['MUST', 'SHOULD']),
  all: new Set(['MUST', 'SHOULD', 'MAY', 'best-practice', 'robustness', 'info']),
};

/** The `--fail-on` levels under which a failure of this severity fails the run. */
export function failsUnder(severity: Severity): FailOn[] {
  return FailOnSchema.options.filter((level) => FAILING[level].has(severity));
}

/** A failure whose severity is below the `--fail-on` threshold becomes a warning that says so; everything else is kept. */
export function gradeFailure(result: CheckResult, failOn: FailOn): CheckResult {
  if (result.status !== 'fail' || FAILING[failOn].has(result.severity)) return result;
  return { ...result, status: 'warn', message: `${result.message} (a ${result.severity} failure, reported as a warning under --fail-on ${failOn})` };
}

export interface CellReport {
  scenario: string;
  transport: TransportKind;
  era: Era;
  durationMs: number;
  /** How many times the cell ran (a timing failure is re-run once; --repeat runs it N times). */
  attempts: number;
  trace: string;
  /** The scenario as this cell played it, beside the trace: `--scenario-file` loads it (edit it to bisect). */
  scenarioFile?: string;
  /** A cell that failed: the one command line that plays this cell again (set when the run knows its options). */
  reproduce?: string;
  checks: CheckResult[];
  /**
   * Set when no check the scenario names could be judged (every one untested or not applicable) and nothing failed:
   * the cell showed nothing, and that fails the run, so an untested run is never green.
   */
  inconclusive?: string;
  error?: { code: string; message: string; hint?: string };
}

/** An era the plan did not play on a transport, and why: one line per transport in every reporter. */
export interface UnplayedEra {
  transport: TransportKind;
  era: Era;
  reason: string;
}

/** True when a cell fails the run: a harness error, a failed check, or nothing judged at all. */
export function cellFailed(cell: Pick<CellReport, 'error' | 'checks' | 'inconclusive'>): boolean {
  return cell.error !== undefined || cell.inconclusive !== undefined || cell.checks.some((check) => check.status === 'fail');
}

export interface ExcludedCell {
  scenario: string;
  transport: TransportKind;
  era: Era;
  reason: string;
}

/** Counts per status, and the cells that showed nothing (inconclusive). */
export type Summary = Record<CheckStatus, number> & { inconclusive: number };

/** A cell's name: `<scenario>.<transport>`, with `.modern` for the 2026-07-28 era (trace files, JUnit classes). */
export function cellName(cell: { scenario: string; transport: TransportKind; era: Era }): string {
  return `${cell.scenario}.${cell.transport}${eraOf(cell.era).unnamedInCells ? '' : `.${cell.era}`}`;
}

/** Where a cell played, as reports show it next to the scenario: `http, modern`. */
export function placeOf(cell: { transport: TransportKind; era: Era }): string {
  return `${cell.transport}, ${cell.era}`;
}

/** Everything a run found: the JSON reporter writes it as is. */
export interface RunReport {
  tool: { name: string; version: string };
  target: string;
  startedAt: string;
  durationMs: number;
  options: {
    transports: TransportKind[];
    eras: Era[];
    /** Gateway mode: the era the probe spoke downstream (`eras` are the upstream mock's). */
    downstreamEra?: Era;
    scenarios: string[];
    debounceMs?: number;
    repeat: number;
    strict: boolean;
    failOn: FailOn;
    /** How many cells ran at once (absent: one). */
    jobs?: number;
  };
  cells: CellReport[];
  excluded: ExcludedCell[];
  /** Eras not played on a transport (`--era auto`: the target does not speak them), with the reason. */
  unplayed?: UnplayedEra[];
  summary: Summary;
  /** A harness error that stopped the run (exit 2). */
  error?: { code: string; message: string; hint?: string };
  /** With --baseline: how many entries it had, and those that expected a failure that did not happen (stale). */
  baseline?: { entries: number; stale: string[] };
}

export function summarize(cells: readonly CellReport[]): Summary {
  const summary: Summary = { pass: 0, fail: 0, warn: 0, skip: 0, info: 0, xfail: 0, untested: 0, inconclusive: 0 };
  for (const cell of cells) {
    for (const check of cell.checks) summary[check.status] += 1;
    if (cell.inconclusive !== undefined) summary.inconclusive += 1;
  }
  return summary;
}

/**
 * 0 all passed, 1 a check failed or a cell was inconclusive (or a check warned, with --strict), 2 the harness could not
 * do its job. An untested check alone never fails the run, with or without --strict.
 */
export function exitCodeOf(report: RunReport): number {
  if (report.error || report.cells.some((cell) => cell.error)) return 2;
  if (report.summary.fail > 0 || report.summary.inconclusive > 0) return 1;
  if (report.options.strict && report.summary.warn > 0) return 1;
  if (report.baseline?.stale.length) return 1;
  return 0;
}

/** What a forced stop leaves: the cells that finished, and why the rest are missing. */
export function partialReport(
  cells: CellReport[],
  signal: string,
  plan: { target: string; transports: TransportKind[]; eras: Era[]; scenarios: string[] },
  version: string,
): RunReport {
  const message = `forced to stop by a second ${signal}; the report covers the ${cells.length} cell(s) that finished`;
  return makeReport(
    {
      target: plan.target,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      options: { transports: plan.transports, eras: plan.eras, scenarios: plan.scenarios, repeat: 1, strict: false, failOn: 'all' },
      cells,
      excluded: [],
      error: { code: 'INTERRUPTED', message },
    },
    { name: 'mcp-notify-check', version },
  );
}

/** Builds the report from its cells, with the summary computed here: `run` and `check` both build theirs with it. */
export function makeReport(parts: Omit<RunReport, 'tool' | 'summary'>, tool: RunReport['tool']): RunReport {
  return { tool, ...parts, summary: summarize(parts.cells) };
}
