import { join } from 'node:path';
import { quoteLine } from '../checks/support/grading.js';
import type { CheckResult } from '../checks/support/check.js';
import { type CellReport, placeOf } from '../judging/run-report.js';
import type { Reporter } from './reporter.js';
import { forMarkdownCell } from './sanitize.js';
import { emit } from './write.js';

const ICON = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: 'ℹ️', xfail: '➖', untested: '❔' } as const;

/** A failure's clause, quoted after its message. */
function quoted(check: CheckResult): string {
  if (!check.clause || (check.status !== 'fail' && check.status !== 'warn')) return '';
  return `<br>${check.severity}: ${forMarkdownCell(quoteLine(check.clause))}`;
}

/** The command that plays each failed cell again, in a block a reader copies from. */
function reproduceLines(cells: readonly CellReport[]): string[] {
  const lines = cells.flatMap((cell) => (cell.reproduce === undefined ? [] : [cell.reproduce]));
  return lines.length ? ['', 'Reproduce a failed cell:', '', '```sh', ...lines, '```'] : [];
}

/** A Markdown summary (for PR comments and job summaries). */
export const markdownReporter: Reporter = (report, path, ctx) => {
  const rows = report.cells.flatMap((cell) =>
    cell.checks.map(
      (check) => `| ${cell.scenario} | ${cell.transport} | ${cell.era} | ${ICON[check.status]} ${check.status} | \`${check.id}\` | ${forMarkdownCell(check.message)}${quoted(check)} |`,
    ),
  );
  const { pass, fail, warn, skip, info, untested, inconclusive } = report.summary;
  const failed = fail > 0 || inconclusive > 0;
  const inconclusiveRows = report.cells.flatMap((cell) =>
    cell.inconclusive === undefined ? [] : [`| ${cell.scenario} | ${cell.transport} | ${cell.era} | ❌ inconclusive | | ${forMarkdownCell(cell.inconclusive)} |`],
  );
  const text = [
    `# mcp-notify-check: ${failed ? 'failed' : 'passed'}`,
    '',
    `Target: ${forMarkdownCell(report.target)} · ${pass} passed, ${fail} failed, ${untested} untested, ${warn} warnings, ${skip} skipped, ${info} info` +
    `${inconclusive ? `, ${inconclusive} inconclusive cell(s)` : ''} · ${(report.durationMs / 1000).toFixed(1)} s`,
    ...(report.unplayed?.length ? ['', ...report.unplayed.map((unplayed) => `- ${forMarkdownCell(unplayed.reason)}`)] : []),
    '',
    '| scenario | transport | era | status | check | message |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...inconclusiveRows,
    ...reproduceLines(report.cells),
    ...(report.excluded.length ? ['', 'Excluded:', ...report.excluded.map((cell) => `- ${cell.scenario} on ${placeOf(cell)}: ${forMarkdownCell(cell.reason)}`)] : []),
    '',
  ].join('\n');
  return emit(text, path ?? join(ctx.outDir, 'report.md'), ctx.stdout);
};
