import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorMessage, HarnessError } from '../errors.js';
import type { RunReport } from '../judging/run-report.js';
import { parseReporter, REPORTERS, type ReporterChoice } from './reporter-registry.js';
import { formatSummary } from './pretty.js';
import type { ReporterContext } from './reporter.js';

/** Where each file reporter writes when given no path (json goes to stdout, pretty to stderr). */
const DEFAULT_FILES: Readonly<Record<string, string>> = { junit: 'junit.xml', markdown: 'report.md', html: 'report.html' };

/** The file a reporter will write, or undefined for a stream. */
function fileOf(choice: ReporterChoice, outDir: string): string | undefined {
  if (choice.path) return choice.path;
  const name = DEFAULT_FILES[choice.name];
  return name ? join(outDir, name) : undefined;
}

/** Can `path` be written: its folder exists or can be made, and it is not a folder itself? Throws a one-line reason. */
function checkWritable(path: string, flag: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error('it is a directory');
  } catch (error) {
    throw new HarnessError('BAD_REPORT_PATH', `${flag}: cannot write ${path}: ${errorMessage(error)}`, 'choose a writable path');
  }
}

/**
 * Parses every `--reporter name[:path]` and checks every file it will write, before anything runs: a typo or an
 * unwritable path is found in the first second, not after the whole run.
 */
export function parseReporters(specs: readonly string[], outDir?: string): ReporterChoice[] {
  const choices = specs.map(parseReporter);
  if (outDir !== undefined) {
    for (const [index, choice] of choices.entries()) {
      const file = fileOf(choice, outDir);
      if (file) checkWritable(file, `--reporter ${specs[index] ?? choice.name}`);
    }
  }
  return choices;
}

/** What delivering wrote, and which reporters failed (each one writes on its own: one failing loses no other). */
export interface Delivery {
  written: string[];
  failed: { reporter: string; error: string }[];
}

/**
 * The one rendering path of `run` and `check`: every chosen reporter, each independently, then the summary for people
 * (naming the files written) unless quiet. A pretty reporter without a path is what progress and the summary already
 * showed on stderr, so it is not printed a second time.
 */
export async function deliver(
  report: RunReport,
  choices: readonly ReporterChoice[],
  ctx: ReporterContext,
  quiet = false,
): Promise<Delivery> {
  const delivery: Delivery = { written: [], failed: [] };
  for (const choice of choices) {
    if (choice.name === 'pretty' && !choice.path && !quiet) continue;
    try {
      const where = await REPORTERS[choice.name]?.(report, choice.path, ctx);
      if (where && where !== '(stdout)') delivery.written.push(where);
    } catch (error) {
      delivery.failed.push({ reporter: choice.name, error: errorMessage(error) });
    }
  }
  if (!quiet) ctx.stderr.write(formatSummary(report, ctx, delivery.written));
  for (const { reporter, error } of delivery.failed) ctx.stderr.write(`mcp-notify-check: the ${reporter} report was not written: ${error}\n`);
  return delivery;
}
