import type { CheckResult, CheckStatus } from '../checks/types.js';
import type { TransportKind } from '../trace/events.js';

export interface CellReport {
  scenario: string;
  transport: TransportKind;
  durationMs: number;
  /** How many times the cell ran (a timing failure is re-run once; --repeat runs it N times). */
  attempts: number;
  trace: string;
  checks: CheckResult[];
  error?: { code: string; message: string; hint?: string };
}

export interface ExcludedCell {
  scenario: string;
  transport: TransportKind;
  reason: string;
}

export type Summary = Record<CheckStatus, number>;

/** Everything a run found: the JSON reporter writes it as is. */
export interface RunReport {
  tool: { name: string; version: string };
  target: string;
  startedAt: string;
  durationMs: number;
  options: { transports: TransportKind[]; scenarios: string[]; debounceMs?: number; repeat: number; strict: boolean };
  cells: CellReport[];
  excluded: ExcludedCell[];
  summary: Summary;
  /** A harness error that stopped the run (exit 2). */
  error?: { code: string; message: string; hint?: string };
}

export function summarize(cells: readonly CellReport[]): Summary {
  const summary: Summary = { pass: 0, fail: 0, warn: 0, skip: 0, info: 0 };
  for (const cell of cells) for (const check of cell.checks) summary[check.status] += 1;
  return summary;
}

/** 0 all passed, 1 a check failed (or warned, with --strict), 2 the harness could not do its job. */
export function exitCodeOf(report: RunReport): number {
  if (report.error || report.cells.some((cell) => cell.error)) return 2;
  if (report.summary.fail > 0 || (report.options.strict && report.summary.warn > 0)) return 1;
  return 0;
}
