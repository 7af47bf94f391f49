// How the matrix reads check statuses, which it otherwise treats as opaque strings.

/** The status that makes a finding: it gets evidence, a section in docs/interop.md and an explanation. */
export const isFailing = (status: string): boolean => status === 'fail';

/** When a check's cells disagree, the table shows the first of these that any cell has. */
const PRECEDENCE = ['fail', 'warn', 'pass', 'info', 'xfail', 'untested', 'skip'];

/**
 * One table cell for a check across a target's cells: `fail 3/9` (failing cells / cells that ran it), otherwise the
 * strongest status present (`pass`, `untested`, …), or `—` when the target never ran the check.
 */
export function summarizeStatuses(statuses: readonly string[]): string {
  if (statuses.length === 0) return '—';
  const failing = statuses.filter(isFailing).length;
  if (failing > 0) return `fail ${failing}/${statuses.length}`;
  const rank = (status: string) => {
    const at = PRECEDENCE.indexOf(status);
    return at === -1 ? PRECEDENCE.length : at;
  };
  return [...statuses].sort((a, b) => rank(a) - rank(b))[0] ?? '—';
}
