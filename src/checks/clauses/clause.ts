import { z } from 'zod';

/** The spec revisions a cell can negotiate: the 2025 era's four, and 2026-07-28. */
export const RevisionSchema = z.enum(['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28']);
export type Revision = z.infer<typeof RevisionSchema>;
export const REVISIONS: readonly Revision[] = RevisionSchema.options;

/** The RFC 2119 keyword a clause states; `none` where the spec shows the behaviour but sets no keyword. */
export const KeywordSchema = z.enum(['MUST', 'MUST NOT', 'REQUIRED', 'SHOULD', 'SHOULD NOT', 'MAY', 'none']);
export type Keyword = z.infer<typeof KeywordSchema>;

/**
 * One normative sentence a check judges, in one revision: `quote` is verbatim from
 * `docs/specification/<revision>/<file>` of the spec repository, with markdown emphasis and link syntax removed.
 */
export const ClauseSchema = z.object({
  revision: RevisionSchema,
  file: z.string().regex(/\.mdx?$/),
  section: z.string().min(1),
  keyword: KeywordSchema,
  quote: z.string().min(10),
});
export type Clause = z.infer<typeof ClauseSchema>;

/** What a check stands on: its clauses per revision, and why it judges where the spec sets no keyword. */
export interface CheckClauses {
  clauses: readonly Clause[];
  /** One sentence: why the check judges this though no keyword applies (required when a clause's keyword is `none`). */
  why?: string;
}
