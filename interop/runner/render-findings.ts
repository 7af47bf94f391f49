import { evidencePath, firstFailures } from './evidence.js';
import { oneLine } from './expect.js';
import { explanationLines } from './explanations.js';
import { findingHeading, statusesOfCheck } from './render-table.js';
import type { TargetResult } from './results.js';
import { isFailing } from './status.js';

/** A harness message as Markdown text: one line, and no `<` that could open HTML. */
const text = (message: string) => oneLine(message).replace(/</g, '&lt;');

/** The failing cells of a check grouped by message: the same message in many cells is shown once. */
function messagesOf(target: TargetResult, check: string): string[] {
  const byMessage = new Map<string, string[]>();
  for (const [cell, result] of Object.entries(target.cells)) {
    const found = result.checks[check];
    if (!found || !isFailing(found.status)) continue;
    const message = text(found.message);
    byMessage.set(message, [...(byMessage.get(message) ?? []), cell]);
  }
  return [...byMessage].map(([message, cells]) => `- ${cells.map((cell) => `\`${cell}\``).join(', ')}: ${message}`);
}

/** The cells among those that ran a check where it judged nothing (untested, not applicable), said beside the count. */
function notJudged(statuses: readonly string[]): string {
  const untested = statuses.filter((status) => status === 'untested').length;
  const skipped = statuses.filter((status) => status === 'skip').length;
  const parts = [untested ? `${untested} untested` : '', skipped ? `${skipped} not applicable` : ''].filter((part) => part !== '');
  return parts.length ? `; ${parts.join(', ')}` : '';
}

/** One finding: where the check failed, with what message, the trace kept, and the explanation under its marker. */
function findingLines(target: TargetResult, check: string, firstCell: string, explanations: ReadonlyMap<string, string>) {
  const statuses = statusesOfCheck(target, check);
  const failing = statuses.filter(isFailing).length;
  const severity = target.cells[firstCell]?.checks[check]?.severity ?? '';
  const trace = evidencePath(target.name, firstCell);
  return [
    `#### ${findingHeading(target.name, check)}`,
    '',
    `Fails in ${failing} of the ${statuses.length} cells that ran it${notJudged(statuses)} (severity ${severity}).`,
    '',
    ...messagesOf(target, check),
    '',
    `Trace of \`${firstCell}\`: [${trace}](../${trace})`,
    '',
    ...explanationLines(explanations, target.name, check),
  ];
}

/** What a target is, in one line: language, library and version, mode, and where it was played. */
export function describeTarget(target: TargetResult): string {
  const cells = Object.keys(target.cells).length;
  return `${target.language} ${target.mode} on \`${target.library}\` ${target.version}, played on ${target.transports.join(', ')} in the ${target.eras.join(' and ')} era${target.eras.length === 1 ? '' : 's'} (${cells} cells).`;
}

/** A target's section: what it is, then each failing check. */
export function targetSection(target: TargetResult, explanations: ReadonlyMap<string, string>): string[] {
  const failures = [...firstFailures(target)].sort(([a], [b]) => a.localeCompare(b));
  const lines = [`### ${target.name}`, '', describeTarget(target), ''];
  if (target.notes !== undefined) lines.push(target.notes, '');
  if (failures.length === 0) lines.push('Every check it ran came out without a failure.', '');
  for (const [check, cell] of failures) lines.push(...findingLines(target, check, cell, explanations));
  return lines;
}
