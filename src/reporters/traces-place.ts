import { dirname } from 'node:path';
import type { RunReport } from '../judging/run-report.js';

/**
 * Where the report's traces are, read from its cells (so `--out`, a config file or `check` on traces kept elsewhere
 * all say the truth): `traces in <folder>`, or how many folders; nothing when no cell has one.
 */
export function tracesPlace(report: Pick<RunReport, 'cells'>): string | undefined {
  const folders = [...new Set(report.cells.filter((cell) => cell.trace).map((cell) => dirname(cell.trace)))];
  if (folders.length === 0) return undefined;
  return folders.length === 1 ? `traces in ${folders[0] ?? ''}` : `traces in ${folders.length} folders (each cell names its trace)`;
}
