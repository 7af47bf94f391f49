import { Chalk } from 'chalk';
import { quoteLine } from '../checks/support/grading.js';
import { type CellReport, cellFailed, placeOf, type RunReport } from '../judging/run-report.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { forTerminal } from './sanitize.js';
import { tracesPlace } from './traces-place.js';
import { emit } from './write.js';

function paint(ctx: Pick<ReporterContext, 'color'>) {
  return new Chalk({ level: ctx.color ? 1 : 0 });
}

const MARK = { pass: '✓', fail: '✗', warn: '!', skip: '-', info: 'i', xfail: '~', untested: '?' } as const;

/** One cell as human lines (used for progress while the run goes, and in the final report). */
export function formatCell(cell: CellReport, ctx: Pick<ReporterContext, 'color'>, show: { passes?: boolean } = {}): string {
  const c = paint(ctx);
  const colour = {
    pass: c.green, fail: c.red, warn: c.yellow, skip: c.gray, info: c.cyan, xfail: c.gray, untested: c.magenta,
  } as const;
  const failed = cellFailed(cell);
  const head = `${failed ? c.red('✗') : c.green('✓')} ${c.bold(cell.scenario)} ${c.gray(`[${placeOf(cell)}]`)} ${c.gray(`${(cell.durationMs / 1000).toFixed(1)}s`)}` +
    (cell.attempts > 1 ? c.gray(` (${cell.attempts} runs)`) : '');
  const lines = [head];
  for (const check of cell.checks) {
    if (check.status === 'pass' && show.passes === false) continue;
    const paintStatus = colour[check.status];
    const message = forTerminal(check.message);
    lines.push(`    ${paintStatus(MARK[check.status])} ${check.id.padEnd(24)} ${check.status === 'pass' ? c.gray(message) : message}`);
    // A failure quotes the sentence it stands on, so its reader can check the verdict against the spec.
    if ((check.status === 'fail' || check.status === 'warn') && check.clause) {
      lines.push(c.gray(`      ${check.severity} · ${forTerminal(quoteLine(check.clause))}`));
    }
  }
  if (cell.inconclusive !== undefined) lines.push(`    ${c.red(`inconclusive: ${forTerminal(cell.inconclusive)}`)}`);
  if (cell.error) {
    const hint = cell.error.hint ? `\n${c.gray(forTerminal(cell.error.hint).replace(/^/gm, '      '))}` : '';
    lines.push(`    ${c.red(`harness error ${cell.error.code}: ${forTerminal(cell.error.message)}`)}${hint}`);
  }
  // Copied and run, this line plays the one cell again.
  if (cell.reproduce !== undefined) lines.push(c.gray(`    reproduce: ${forTerminal(cell.reproduce)}`));
  return lines.join('\n');
}

/** The closing summary for people: counts, where the traces are, and what to do next. */
export function formatSummary(report: RunReport, ctx: Pick<ReporterContext, 'color' | 'outDir'>, written: readonly string[] = []): string {
  const c = paint(ctx);
  const { pass, fail, warn, skip, info, xfail, untested, inconclusive } = report.summary;
  const parts = [c.green(`${pass} passed`), fail ? c.red(`${fail} failed`) : `${fail} failed`, `${untested} untested`, `${warn} warnings`, `${skip} skipped`, `${info} info`];
  if (inconclusive) parts.push(c.red(`${inconclusive} inconclusive cell(s)`));
  if (xfail) parts.push(`${xfail} expected by the baseline`);
  const traces = tracesPlace(report);
  const lines = ['', `${c.bold('mcp-notify-check')} ${parts.join(', ')} in ${(report.durationMs / 1000).toFixed(1)}s${traces ? ` · ${traces}` : ''}`];
  for (const unplayed of report.unplayed ?? []) lines.push(c.gray(forTerminal(unplayed.reason)));
  if (report.excluded.length) lines.push(c.gray(`${report.excluded.length} cell(s) excluded by design (see \`mcp-notify-check list scenarios\`)`));
  const stale = report.baseline?.stale ?? [];
  if (stale.length) lines.push(c.red(`stale baseline entries (these pass now; remove them): ${stale.join(', ')}`));
  if (written.length) lines.push(`reports: ${written.join(', ')}`);
  if (report.error) lines.push(c.red(`stopped: ${report.error.code}: ${forTerminal(report.error.message)}`));
  return `${lines.join('\n')}\n`;
}

/** The human report on stderr (or a file): every cell, then the summary. */
export const prettyReporter: Reporter = (report, path, ctx) => {
  const text = `${report.cells.map((cell) => formatCell(cell, ctx)).join('\n')}\n${formatSummary(report, ctx)}`;
  return emit(text, path, ctx.stderr);
};
