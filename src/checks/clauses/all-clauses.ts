import { type CheckClauses } from './clause.js';
import { CLIENT_CLAUSES } from './client.js';
import { ERA_CLAUSES } from './era.js';
import { GATEWAY_CLAUSES } from './gateway.js';
import { LISTEN_CLAUSES } from './listen.js';
import { SERVER_CLAUSES } from './server.js';
import { TARGET_CLAUSES } from './target.js';

/** The spec repository commit every quote was verified against (`scripts/spec-verify.ts`). */
export const SPEC_COMMIT = 'b0f60ba5409db7a6582440a7b473cc0398890f15';

/** One map from several record files; an id in two of them is a mistake, not an override. */
export function mergeClauses(...groups: readonly Readonly<Record<string, CheckClauses>>[]): ReadonlyMap<string, CheckClauses> {
  const merged = new Map<string, CheckClauses>();
  for (const group of groups) {
    for (const [id, record] of Object.entries(group)) {
      if (merged.has(id)) throw new Error(`two clause records for the check "${id}"`);
      merged.set(id, record);
    }
  }
  return merged;
}

/** What each check stands on, by check id. */
export const CLAUSES: ReadonlyMap<string, CheckClauses> = mergeClauses(
  CLIENT_CLAUSES,
  ERA_CLAUSES,
  TARGET_CLAUSES,
  GATEWAY_CLAUSES,
  SERVER_CLAUSES,
  LISTEN_CLAUSES,
);
