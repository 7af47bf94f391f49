import { z } from 'zod';
import { cellName, type RunReport } from '../../src/judging/run-report.js';
import { ERAS, TRANSPORT_NAMES } from '../../src/model/words.js';
import type { Target } from './target-file.js';

// Statuses stay opaque strings: the harness may grow new ones (`untested`) and the matrix must carry them as they are.
// Loose objects, so fields this runner does not know survive a read and a rewrite untouched.
const CheckResultSchema = z.looseObject({ status: z.string(), severity: z.string(), message: z.string() });

const CellResultSchema = z.looseObject({
  scenario: z.string(),
  transport: z.string(),
  era: z.string(),
  checks: z.record(z.string(), CheckResultSchema),
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
});

/** One `runs[]` entry as played: its arguments, wall time, and the report's top-level fields other than `cells`. */
const RunRecordSchema = z.looseObject({
  args: z.array(z.string()),
  transports: z.array(z.string()),
  eras: z.array(z.string()).optional(),
  ms: z.number(),
  report: z.record(z.string(), z.unknown()),
});

export const TargetResultSchema = z.looseObject({
  name: z.string(),
  mode: z.enum(['client', 'server', 'gateway']),
  language: z.string(),
  library: z.string(),
  version: z.string(),
  notes: z.string().optional(),
  transports: z.array(z.string()),
  eras: z.array(z.string()),
  buildMs: z.number(),
  runMs: z.number(),
  runs: z.array(RunRecordSchema),
  /** Keyed by cell name (`cellName`), in the order the harness played them. */
  cells: z.record(z.string(), CellResultSchema),
});

/** `interop/results.json`: every judged target, sorted by name. */
export const ResultsSchema = z.looseObject({ targets: z.array(TargetResultSchema) });

export type CheckResultRecord = z.infer<typeof CheckResultSchema>;
export type CellResult = z.infer<typeof CellResultSchema>;
export type TargetResult = z.infer<typeof TargetResultSchema>;
export type Results = z.infer<typeof ResultsSchema>;

/** A check's status per check id per cell: what expect.json pins and what flips compare. */
export type CellStatuses = Record<string, Record<string, string>>;

/** Every cell of the reports by name; a cell two runs both played is an error in target.json. */
export function collectCells(reports: readonly RunReport[]): Record<string, CellResult> {
  const cells: Record<string, CellResult> = {};
  for (const report of reports) {
    for (const cell of report.cells) {
      const name = cellName(cell);
      if (name in cells) throw new Error(`cell ${name} was played by two runs (overlapping transports or eras in runs[])`);
      const checks: Record<string, CheckResultRecord> = {};
      for (const { id, status, severity, message } of cell.checks) checks[id] = { status, severity, message };
      const { scenario, transport, era } = cell;
      cells[name] = { scenario, transport, era, checks, ...(cell.error ? { error: cell.error } : {}) };
    }
  }
  return cells;
}

/** The statuses of every check in every cell. */
export function statusesOf(cells: Readonly<Record<string, CellResult>>): CellStatuses {
  const statuses: CellStatuses = {};
  for (const [name, cell] of Object.entries(cells)) {
    statuses[name] = Object.fromEntries(Object.entries(cell.checks).map(([id, check]) => [id, check.status]));
  }
  return statuses;
}

/** The distinct values, those `order` knows in its order first. */
function inOrder(order: readonly string[], values: Iterable<string>): string[] {
  const set = new Set(values);
  return [...order.filter((value) => set.has(value)), ...[...set].filter((value) => !order.includes(value)).sort()];
}

export interface Played {
  runs: { run: Target['runs'][number]; ms: number; report: RunReport }[];
  buildMs: number;
}

/** A target's entry in results.json from its played runs. */
export function targetResult(target: Target, played: Played): TargetResult {
  const cells = collectCells(played.runs.map((entry) => entry.report));
  const all = Object.values(cells);
  return {
    name: target.name,
    mode: target.mode,
    language: target.language,
    library: target.library,
    version: target.version,
    ...(target.notes !== undefined ? { notes: target.notes } : {}),
    transports: inOrder(TRANSPORT_NAMES, all.map((cell) => cell.transport)),
    eras: inOrder(ERAS, all.map((cell) => cell.era)),
    buildMs: Math.round(played.buildMs),
    runMs: Math.round(played.runs.reduce((sum, entry) => sum + entry.ms, 0)),
    runs: played.runs.map(({ run, ms, report }) => ({
      args: run.args,
      transports: run.transports,
      ...(run.eras ? { eras: run.eras } : {}),
      ms: Math.round(ms),
      // Every top-level field but the cells, as the harness wrote it, including fields this runner does not know.
      report: Object.fromEntries(Object.entries(report).filter(([key]) => key !== 'cells')),
    })),
    cells,
  };
}
