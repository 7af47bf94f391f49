import { join } from 'node:path';
import { placeOf } from '../report/model.js';
import type { Reporter } from './types.js';
import { forMarkdownCell } from './sanitize.js';
import { emit } from './write.js';

const ICON = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: 'ℹ️', xfail: '➖' } as const;

/** A Markdown summary (for PR comments and job summaries). */
export const markdownReporter: Reporter = (report, path, ctx) => {
  const rows = report.cells.flatMap((cell) =>
    cell.checks.map(
      (check) => `| ${cell.scenario} | ${cell.transport} | ${cell.era} | ${ICON[check.status]} ${check.status} | \`${check.id}\` | ${forMarkdownCell(check.message)} |`,
    ),
  );
  const { pass, fail, warn, skip, info } = report.summary;
  const text = [
    `# mcp-notify-check: ${fail ? 'failed' : 'passed'}`,
    '',
    `Target: ${forMarkdownCell(report.target)} · ${pass} passed, ${fail} failed, ${warn} warnings, ${skip} skipped, ${info} info · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    '| scenario | transport | era | status | check | message |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(report.excluded.length ? ['', 'Excluded:', ...report.excluded.map((cell) => `- ${cell.scenario} on ${placeOf(cell)}: ${forMarkdownCell(cell.reason)}`)] : []),
    '',
  ].join('\n');
  return emit(text, path ?? join(ctx.outDir, 'report.md'), ctx.stdout);
};
