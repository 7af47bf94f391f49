import { type Era, eraOf, isEra } from '../../model/eras/all-eras.js';
import type { Trace } from '../../trace/trace.js';
import { ofKind } from '../../trace/queries.js';
import { type Clause, type Keyword, type Revision, REVISIONS, RevisionSchema } from '../clauses/clause.js';
import { CLAUSES } from '../clauses/all-clauses.js';
import type { Severity } from './check.js';

/** The newest revision with clauses. */
const NEWEST: Revision = '2026-07-28';

/**
 * The revision an era's cells speak when the trace names none (the target never connected, or a probe spoke): its
 * newest that has clauses here (an era whose revisions have none is graded by the newest revision that has).
 */
function eraRevision(era: Era): Revision {
  const known = eraOf(era).revisions.find((each): each is Revision => RevisionSchema.safeParse(each).success);
  return known ?? NEWEST;
}

/** What a clause's keyword makes of a failure: MUST and SHOULD bind; MAY is measured; no keyword is best practice. */
const SEVERITY_OF: Readonly<Record<Keyword, Severity>> = {
  'MUST': 'MUST',
  'MUST NOT': 'MUST',
  'REQUIRED': 'MUST',
  'SHOULD': 'SHOULD',
  'SHOULD NOT': 'SHOULD',
  'MAY': 'MAY',
  'none': 'best-practice',
};

/** Checks of the target's health or measurements: their severity is their own, their clauses are context. */
const OWN_SEVERITY: ReadonlySet<Severity> = new Set(['robustness', 'info']);

/** The revision the cell spoke: the one its first session negotiated, else the newest of the cell's era. */
export function revisionOf(trace: Trace): Revision {
  const negotiated = ofKind(trace, 'session-initialized')[0]?.protocolVersion;
  const parsed = RevisionSchema.safeParse(negotiated);
  return parsed.success ? parsed.data : eraRevision(trace.meta.era);
}

export interface Grade {
  severity: Severity;
  revision: Revision;
  /** The clause the verdict stands on in that revision, quoted in every report. */
  clause?: Clause;
  /** Set when the rule the check judges does not exist in the revision the cell spoke: why. */
  notApplicable?: string;
}

/**
 * The severity and clause of a check in a cell: the clauses of the revision the cell spoke (the negotiated one; else
 * the cell's era's, for a check whose rule that revision lacks, such as a fallback staged against the other era). The
 * first clause of a revision is the check's rule there; a verdict may name the keyword of another it stands on.
 */
export function gradeOf(id: string, declared: Severity, trace: Trace, keyword?: Keyword): Grade {
  const record = CLAUSES.get(id);
  const negotiated = revisionOf(trace);
  const clauses = record?.clauses ?? [];
  const inRevision = (revision: Revision) => clauses.filter((clause) => clause.revision === revision);
  // A check whose rule the negotiated revision lacks is not applicable there (respects-retry in 2025-06-18), unless the
  // cell was staged across eras (era-fallback) or negotiated nothing: then the cell's era, then the era the mock served,
  // name the revision whose rule applies.
  const other = isEra(trace.meta.served) ? trace.meta.served : undefined;
  const acrossEras = other !== undefined;
  const spoke = RevisionSchema.safeParse(ofKind(trace, 'session-initialized')[0]?.protocolVersion).success;
  const served = other ? eraRevision(other) : negotiated;
  const candidates = acrossEras || !spoke ? [negotiated, eraRevision(trace.meta.era), served] : [negotiated];
  const revision = candidates.find((each) => inRevision(each).length > 0) ?? negotiated;
  const mine = inRevision(revision);
  const clause = (keyword && mine.find((each) => each.keyword === keyword)) ?? mine[0];
  if (OWN_SEVERITY.has(declared) || clauses.length === 0) return { severity: declared, revision, ...(clause ? { clause } : {}) };
  if (!clause) {
    const where = [...new Set(clauses.map((each) => each.revision))].join(', ');
    return { severity: declared, revision, notApplicable: `not applicable in ${revision}: the rule it judges is in ${where}` };
  }
  return { severity: SEVERITY_OF[clause.keyword], revision, clause };
}

/** A check's severity in each revision whose clauses it has (its own, for health checks and measurements). */
export function severitiesOf(id: string, declared: Severity): Partial<Record<Revision, Severity>> {
  const clauses = CLAUSES.get(id)?.clauses ?? [];
  const out: Partial<Record<Revision, Severity>> = {};
  for (const clause of clauses) {
    out[clause.revision] ??= OWN_SEVERITY.has(declared) ? declared : SEVERITY_OF[clause.keyword];
  }
  return out;
}

/**
 * A check's severities in words: one severity (with the revisions it holds in, when not all) where every revision
 * agrees, else each revision's, `pair` between a revision and its severity and `join` between revisions.
 */
export function severitiesText(id: string, declared: Severity, style = { pair: ' ', join: ', ' }): string {
  const entries = Object.entries(severitiesOf(id, declared));
  const values = [...new Set(entries.map(([, severity]) => severity))];
  if (entries.length === 0) return declared;
  if (values.length > 1) return entries.map(([revision, severity]) => `${revision}${style.pair}${severity}`).join(style.join);
  const where = entries.length < REVISIONS.length ? ` (${entries.map(([revision]) => revision).join(', ')})` : '';
  return `${values[0] ?? declared}${where}`;
}

/** One line that quotes a clause, as every reporter shows it beside a failure. */
export function quoteLine(clause: Clause): string {
  const keyword = clause.keyword === 'none' ? 'no keyword' : clause.keyword;
  return `${clause.revision} ${clause.file} § ${clause.section} (${keyword}): "${clause.quote}"`;
}
