import type { TargetResult } from './results.js';
import { summarizeStatuses } from './status.js';

/** A heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The heading of a finding's section (unique across the page, so its anchor is too). */
export const findingHeading = (target: string, check: string): string => `${target}: ${check}`;

/** Every status a check had across a target's cells (empty when the target never ran it). */
export function statusesOfCheck(target: Pick<TargetResult, 'cells'>, check: string): string[] {
  return Object.values(target.cells).flatMap((cell) => {
    const result = cell.checks[check];
    return result ? [result.status] : [];
  });
}

/** The check ids any of these targets ran, sorted. */
export function checksRun(targets: readonly Pick<TargetResult, 'cells'>[]): string[] {
  const ids = new Set(targets.flatMap((target) => Object.values(target.cells).flatMap((cell) => Object.keys(cell.checks))));
  return [...ids].sort();
}

/** One Markdown table: a row per target, a column per check any of them ran; a failure links to its section. */
export function matrixTable(targets: readonly TargetResult[]): string[] {
  const checks = checksRun(targets);
  const header = ['Target', 'Language', 'Library', 'Version', ...checks.map((id) => `\`${id}\``)];
  const rows = targets.map((target) => [
    `[${target.name}](#${anchorOf(target.name)})`,
    target.language,
    `\`${target.library}\``,
    target.version,
    ...checks.map((id) => {
      const word = summarizeStatuses(statusesOfCheck(target, id));
      return word.startsWith('fail') ? `[${word}](#${anchorOf(findingHeading(target.name, id))})` : word;
    }),
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}
