import { z } from 'zod';
import { type Trace } from '../../trace/trace.js';
import type { Clause, Keyword, Revision } from '../clauses/clause.js';

/**
 * How binding a check is, from the keyword of the clause it judges in the revision the cell spoke (checks/support/grading.ts):
 * MUST, SHOULD, MAY (measured: a failure is reported as info), best-practice where no keyword applies; robustness and
 * info for the target's health and for measurements.
 */
export const SeveritySchema = z.enum(['MUST', 'SHOULD', 'MAY', 'best-practice', 'robustness', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * `untested`: the cell could not show what the check needs (the verdict says why, and what would make it testable); it
 * is never a failure. `xfail`: a failure the run's baseline expects (it does not fail the run).
 */
export const CheckStatusSchema = z.enum(['pass', 'fail', 'warn', 'skip', 'info', 'xfail', 'untested']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

export type Measurement = number | string | boolean | null;

/** What a check concludes, with the journal seqs that show it. */
export interface Verdict {
  status: CheckStatus;
  message: string;
  evidence: number[];
  measurements: Record<string, Measurement>;
  /**
   * A timing check's failure that no slow moment can explain: what it waited for never came in a window at least as
   * long as its bound (or the failure is not about time at all). Such a failure is reported at once, not re-run.
   */
  decisive?: true;
  /** The keyword of the clause this verdict stands on, where the check judges more than one rule (default: its first). */
  keyword?: Keyword;
}

export interface CheckResult extends Verdict {
  id: string;
  severity: Severity;
  specRefs: string[];
  /** The revision whose clauses graded the verdict: the one the cell negotiated, else its era's newest. */
  revision?: Revision;
  /** The normative sentence the verdict stands on, quoted verbatim from that revision. */
  clause?: Clause;
}

/** A check: a stable id whether it passes or fails, and a pure evaluation of a trace. */
export interface Check<S extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  specRefs: string[];
  /** Depends on timing: a failure is played once more before it is reported, unless the verdict says it is decisive. */
  timing: boolean;
  options: S;
  evaluate(trace: Trace, options: z.infer<S>): Verdict;
}

/** Declares a check with its option schema inferred. */
export function defineCheck<S extends z.ZodType>(check: Check<S>): Check<S> {
  return check;
}

type Parts = Partial<Pick<Verdict, 'evidence' | 'measurements' | 'keyword'>> & { decisive?: boolean };

export const pass = (message: string, parts: Parts = {}): Verdict => ({
  status: 'pass',
  message,
  evidence: parts.evidence ?? [],
  measurements: parts.measurements ?? {},
  ...(parts.decisive ? { decisive: true as const } : {}),
  ...(parts.keyword ? { keyword: parts.keyword } : {}),
});

export const fail = (message: string, parts: Parts = {}): Verdict => ({ ...pass(message, parts), status: 'fail' });

export const info = (message: string, parts: Parts = {}): Verdict => ({ ...pass(message, parts), status: 'info' });

/**
 * A missing prerequisite: the scenario could not show what the check needs. Untested is its own status, never counted
 * as a failure; a cell whose every check is untested is inconclusive, and that fails the run (judging/run-report.ts).
 */
export const notTestable = (why: string, parts: Parts = {}): Verdict => ({ ...pass(why, parts), status: 'untested' });

/** Rounds a measured duration to 0.1 ms for messages and reports. */
export const ms = (value: number): number => Math.round(value * 10) / 10;
