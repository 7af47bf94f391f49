import type { RunReport } from '../report/model.js';
import { parseReporter, REPORTERS, type ReporterChoice } from './index.js';
import { formatSummary } from './pretty.js';
import type { ReporterContext } from './types.js';

/** Parses every `--reporter name[:path]` up front, so a typo fails before anything runs. */
export function parseReporters(specs: readonly string[]): ReporterChoice[] {
  return specs.map(parseReporter);
}

/** The one rendering path of `run` and `check`: every chosen reporter, then the summary for people unless quiet. */
export async function deliver(
  report: RunReport,
  choices: readonly ReporterChoice[],
  ctx: ReporterContext,
  quiet = false,
): Promise<void> {
  for (const choice of choices) await REPORTERS[choice.name]?.(report, choice.path, ctx);
  if (!quiet) ctx.stderr.write(formatSummary(report, ctx));
}
