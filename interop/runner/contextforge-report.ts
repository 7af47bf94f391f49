// docs/contextforge.md: ContextForge's own issue on list_changed (#3734), answered from the pinned run, pasteable there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CHECKS_BY_ID } from '../../src/checks/check-registry.js';
import { describeIssues } from '../../src/errors.js';
import { evidencePath, firstFailures } from './evidence.js';
import { oneLine } from './expect.js';
import { anchorOf } from './render-table.js';
import type { CellResult, Results, TargetResult } from './results.js';
import { isFailing, summarizeStatuses } from './status.js';

export const CONTEXTFORGE = 'contextforge';
export const ISSUE_MAP_FILE = 'interop/contextforge/issue-3734.json';
export const REPORT_FILE = 'docs/contextforge.md';

const AnswerSchema = z.strictObject({ scenario: z.string().min(1), check: z.string().min(1) });

const CriterionSchema = z.strictObject({
  /** Short and stable (`Q1`, `E2`): the row's label, and how a reader refers to it in the issue. */
  id: z.string().regex(/^[A-Za-z0-9-]+$/),
  /** The part of the issue it comes from, in the issue's order. */
  section: z.string().min(1),
  /** The issue's own words for it, short. */
  title: z.string().min(1),
  /** What it asks, in our words. */
  criterion: z.string().min(1),
  answeredBy: z.array(AnswerSchema),
  /** What the harness does not answer of it, and what would make that testable: that part's verdict is untested. */
  note: z.string().min(1).optional(),
  /** How the answering checks answer it, where that is not plain from their names. */
  comment: z.string().min(1).optional(),
});

/** `interop/contextforge/issue-3734.json`: each item of the issue with the scenario × check pairs that answer it. */
export const IssueMapSchema = z
  .strictObject({ issue: z.string().min(1), url: z.url(), title: z.string().min(1), criteria: z.array(CriterionSchema).min(1) })
  .superRefine((map, ctx) => {
    const seen = new Set<string>();
    for (const [at, entry] of map.criteria.entries()) {
      if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: ['criteria', at, 'id'], message: `duplicate id ${entry.id}` });
      seen.add(entry.id);
      // An item nothing answers is still a verdict, so it must say why and what would make it testable.
      if (entry.answeredBy.length === 0 && entry.note === undefined) {
        ctx.addIssue({ code: 'custom', path: ['criteria', at, 'note'], message: `${entry.id} has no answering check and no note` });
      }
    }
  });

export type IssueMap = z.infer<typeof IssueMapSchema>;
export type Criterion = IssueMap['criteria'][number];

export interface ReportOptions {
  /** Whether a trace (repository-relative path) is there to link; by default, the ones keepEvidence keeps. */
  traceExists?: (path: string) => boolean;
}

/** A harness message as one table cell: one line, no `<` that could open HTML, no `|` that would end the cell. */
const cellText = (message: string) => oneLine(message).replace(/</g, '&lt;').replace(/\|/g, '\\|');

/** A column per transport and era played, in the result's order: `sse`, `http`, `http.modern`. */
function columnsOf(result: TargetResult): string[] {
  const played = new Set(Object.values(result.cells).map((cell) => `${cell.transport}.${cell.era}`));
  return result.transports.flatMap((transport) =>
    result.eras.filter((era) => played.has(`${transport}.${era}`)).map((era) => (era === 'legacy' ? transport : `${transport}.${era}`)));
}

interface Answer {
  scenario: string;
  check: string;
  /** Status per column, `—` where the cell was not played or did not run the check. */
  verdicts: string[];
  /** The cell whose message stands as the evidence, with its check result; none when nothing ran. */
  shown?: { cell: string; message: string; failed: boolean };
  statuses: string[];
}

/** The cell to quote: the first failure, else the first cell that judged nothing or warned, else the first. */
function pickShown(found: readonly [string, CellResult['checks'][string]][]): Answer['shown'] {
  const pick = found.find(([, check]) => isFailing(check.status)) ?? found.find(([, check]) => check.status !== 'pass') ?? found[0];
  return pick && { cell: pick[0], message: pick[1].message, failed: isFailing(pick[1].status) };
}

function answerOf(result: TargetResult, columns: readonly string[], scenario: string, check: string): Answer {
  const found: [string, CellResult['checks'][string]][] = [];
  const verdicts = columns.map((column) => {
    const name = `${scenario}.${column}`;
    const judged = result.cells[name]?.checks[check];
    if (judged) found.push([name, judged]);
    return judged?.status ?? '—';
  });
  const shown = pickShown(found);
  return { scenario, check, verdicts, statuses: found.map(([, judged]) => judged.status), ...(shown ? { shown } : {}) };
}

/**
 * A criterion's verdict over every cell that answers it, saying how many judged nothing, and `in part` when its note
 * names something no check answers.
 */
function verdictOf(entry: Criterion, answers: readonly Answer[]): string {
  const statuses = answers.flatMap((answer) => answer.statuses);
  if (answers.length === 0) return 'untested';
  if (statuses.length === 0) return 'not played';
  const word = summarizeStatuses(statuses);
  const idle = statuses.filter((status) => status === 'untested' || status === 'skip').length;
  const judgedNothing = idle > 0 && word !== 'untested' && word !== 'skip' ? `${idle} of ${statuses.length} not judged` : '';
  const suffix = [judgedNothing, entry.note === undefined ? '' : 'in part'].filter((part) => part !== '').join('; ');
  return suffix === '' ? word : `${word} (${suffix})`;
}

/** A check id linked to its section in docs/checks.md (`## \`id\`: title`); an id the harness does not know, bare. */
function checkLink(id: string): string {
  const title = CHECKS_BY_ID.get(id)?.title;
  return title === undefined ? `\`${id}\`` : `[\`${id}\`](checks.md#${anchorOf(`${id}: ${title}`)})`;
}

interface Layout {
  target: string;
  columns: readonly string[];
  traceExists: (path: string) => boolean;
}

/** The quoted cell's message, named when there are several columns, with its trace when it failed and one is kept. */
function evidenceText({ shown }: Answer, { target, columns, traceExists }: Layout): string {
  if (!shown) return 'not played';
  const where = columns.length > 1 ? `\`${shown.cell}\`: ` : '';
  const path = evidencePath(target, shown.cell);
  const trace = shown.failed && traceExists(path) ? ` ([trace](../${path}))` : '';
  return `${where}${cellText(shown.message)}${trace}`;
}

/** An item's section: what it asks, its verdict, a row per answering scenario × check, and what it leaves untested. */
function criterionLines(entry: Criterion, answers: readonly Answer[], layout: Layout): string[] {
  const lines = [`### ${entry.id}. ${entry.title}`, '', entry.criterion, ''];
  if (answers.length === 0) return [...lines, `Verdict: **${verdictOf(entry, answers)}**. ${entry.note ?? ''}`.trim(), ''];
  lines.push(`Verdict: **${verdictOf(entry, answers)}**`, '');
  const header = ['Scenario', 'Check', ...layout.columns, 'Evidence'];
  lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
  for (const answer of answers) {
    lines.push(`| \`${answer.scenario}\` | ${checkLink(answer.check)} | ${answer.verdicts.join(' | ')} | ${evidenceText(answer, layout)} |`);
  }
  lines.push('');
  if (entry.comment !== undefined) lines.push(entry.comment, '');
  if (entry.note !== undefined) lines.push(`Untested: ${entry.note}`, '');
  return lines;
}

const ERA_WORDS: Readonly<Record<string, string>> = {
  legacy: 'the legacy era (revisions up to 2025-11-25)',
  modern: 'the modern era (2026-07-28)',
};

/** What was played, in one paragraph: no date, so the page changes only when a verdict or the map does. */
function introLines(result: TargetResult, map: IssueMap, answering: number): string[] {
  const scenarios = new Set(Object.values(result.cells).map((cell) => cell.scenario)).size;
  const eras = result.eras.map((era) => ERA_WORDS[era] ?? era).join(' and ');
  return [
    `mcp-notify-check played ${scenarios} gateway scenarios against \`${result.library}\` ${result.version} (${result.language}) ` +
    `as [\`interop/${result.name}\`](../interop/${result.name}/) runs it: a scriptable mock MCP server upstream, registered ` +
    `with ContextForge as a gateway, and a probe downstream as its user, on ${result.transports.join(' and ')} upstreams in ` +
    `${eras}: ${Object.keys(result.cells).length} cells, ${answering} of which answer an item below. A verdict is one check ` +
    'in one cell (`untested`: the cell could not stage what the check judges), and the evidence is the message of the cell ' +
    `named. The items are those of [${map.issue}](${map.url}) in its order: the configuration its summary asks for, its key ` +
    'questions, the mechanisms it names and what it says needs validation, edge cases included.',
  ];
}

/** The page, from ContextForge's result and the hand-written map alone. */
export function renderContextForgeReport(result: TargetResult, map: IssueMap, options: ReportOptions = {}): string {
  const kept = new Set([...firstFailures(result).values()].map((cell) => evidencePath(result.name, cell)));
  const traceExists = options.traceExists ?? ((path: string) => kept.has(path));
  const columns = columnsOf(result);
  const answers = new Map(map.criteria.map((entry) => [
    entry.id,
    entry.answeredBy.map(({ scenario, check }) => answerOf(result, columns, scenario, check)),
  ]));
  // Cells, not cell × check pairs: a cell that answers two items counts once.
  const answering = new Set(map.criteria.flatMap((entry) => entry.answeredBy.flatMap(({ scenario, check }) =>
    columns.map((column) => `${scenario}.${column}`).filter((cell) => result.cells[cell]?.checks[check] !== undefined)))).size;
  const row = (entry: Criterion) =>
    `| [${entry.id}](#${anchorOf(`${entry.id}. ${entry.title}`)}) | ${cellText(entry.criterion)} | ${verdictOf(entry, answers.get(entry.id) ?? [])} |`;
  const lines = [
    `# ContextForge and ${map.issue}: list_changed, measured`,
    '',
    `<!-- Generated by \`npm run interop\` from interop/results.json and ${ISSUE_MAP_FILE}: edit the map, not this page. -->`,
    '',
    ...introLines(result, map, answering),
    '',
    '| Item | Asks | Verdict |',
    '| --- | --- | --- |',
    ...map.criteria.map(row),
    '',
  ];
  let section: string | undefined;
  for (const entry of map.criteria) {
    if (entry.section !== section) lines.push(`## ${entry.section}`, '');
    section = entry.section;
    lines.push(...criterionLines(entry, answers.get(entry.id) ?? [], { target: result.name, columns, traceExists }));
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** The map as committed; a malformed one is named with what is wrong. */
export function readIssueMap(root: string): IssueMap {
  const parsed = IssueMapSchema.safeParse(JSON.parse(readFileSync(join(root, ISSUE_MAP_FILE), 'utf8')));
  if (!parsed.success) throw new Error(`${ISSUE_MAP_FILE}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The map's scenario × check pairs that no cell of the result ran: shown as `—`, and worth a warning. */
export function unplayedAnswers(result: TargetResult, map: IssueMap): string[] {
  const ran = new Set(Object.values(result.cells).flatMap((cell) => Object.keys(cell.checks).map((check) => `${cell.scenario} ${check}`)));
  return map.criteria.flatMap((entry) => entry.answeredBy
    .filter(({ scenario, check }) => !ran.has(`${scenario} ${check}`))
    .map(({ scenario, check }) => `${REPORT_FILE}: ${entry.id} names ${scenario} × ${check}, which no ${CONTEXTFORGE} cell ran`));
}

/**
 * Writes docs/contextforge.md when the results hold ContextForge (and leaves it alone otherwise), linking the traces
 * that are there; returns what to warn of. Run it after the evidence is kept, so the links match the files.
 */
export function publishContextForgeReport(root: string, results: Results): string[] {
  const result = results.targets.find((target) => target.name === CONTEXTFORGE);
  if (!result) return [];
  const map = readIssueMap(root);
  const page = renderContextForgeReport(result, map, { traceExists: (path) => existsSync(join(root, path)) });
  const path = join(root, REPORT_FILE);
  // Untouched when it would not change: the page is committed and others may be reading the tree.
  if (!existsSync(path) || readFileSync(path, 'utf8') !== page) writeFileSync(path, page);
  return unplayedAnswers(result, map);
}
