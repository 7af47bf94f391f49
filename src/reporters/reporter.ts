import type { Writable } from 'node:stream';
import type { RunReport } from '../judging/run-report.js';

export interface ReporterContext {
  /** Where the reporter writes when no path was given (stdout for machine formats). */
  stdout: Writable;
  stderr: Writable;
  /** The run's output directory (default file locations live here). */
  outDir: string;
  color: boolean;
}

/** Renders a report to one destination: `path` when given, else the reporter's default. Returns where it wrote. */
export type Reporter = (report: RunReport, path: string | undefined, ctx: ReporterContext) => Promise<string>;
