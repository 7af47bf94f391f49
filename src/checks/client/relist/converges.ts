import { z } from 'zod';
import { type EventOf } from '../../../trace/events.js';
import { type Trace } from '../../../trace/trace.js';
import { finalCatalogue, finalView, type FinalView, knownKeys, ofKind } from '../../../trace/queries.js';
import { explainAmbiguity, matchNames, type NameMatch } from '../../support/names.js';
import { describeRename, isIdentity } from '../../support/rename.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';
import { type ListKind, ListKindSchema } from '../../../model/words.js';

/** The target's final view of a list beside the catalogue's final keys, its names matched to those keys. */
export interface FinalComparison {
  snapshot?: EventOf<'catalogue-snapshot'>;
  /** The final view, its names read back as upstream keys through the target's renaming when one was recognised. */
  view?: FinalView;
  expected?: string[];
  match?: NameMatch;
}

/**
 * Lists the target's final view against the catalogue's final state; shared by converges and no-stale-final.
 * Names are matched through a consistent rename (prefix, suffix, case, separators) for tools and prompts in view
 * reports; resource URIs are addresses and lists read off the wire are the server's own keys, so both compare exactly.
 */
export function compareFinal(trace: Trace, list: ListKind): FinalComparison {
  const snapshot = finalCatalogue(trace);
  const view = finalView(trace, list);
  const expected = snapshot?.keys[list];
  if (!snapshot || !expected || !view) return { snapshot, view, expected };
  const exact = list === 'resources' || view.source === 'wire';
  const match = matchNames({ shown: view.names, current: expected, known: knownKeys(trace, list), exact });
  return { snapshot, view: { ...view, names: match.keys }, expected, match };
}

/** Why a final view is not current, in upstream keys, saying how names were matched. */
function mismatch(list: ListKind, view: FinalView, match: NameMatch, expected: { count: number; revision: number }): string {
  const source = view.source === 'report' ? 'view report' : 'last list fetched';
  const against = `(expected ${expected.count} items at revision ${expected.revision})`;
  if (match.ambiguity) {
    return `final ${list} view (${source}) cannot be matched to the server's keys: ${explainAmbiguity(match.ambiguity)}, ` +
      `so a current view cannot be told from a stale one ${against}`;
  }
  const { missing, extra } = match;
  const shownAs = isIdentity(match.rename) ? '' : `, names shown as ${describeRename(match.rename)}`;
  return `final ${list} view (${source}${shownAs}) ` +
    `${missing.length ? `is missing [${missing.join(', ')}]` : ''}${missing.length && extra.length ? ' and ' : ''}` +
    `${extra.length ? `still has [${extra.join(', ')}]` : ''} ${against}`;
}

export const converges = defineCheck({
  id: 'converges',
  title: 'Converges to the final catalogue',
  description:
    'At the end, the target\'s view of each list (its last view report, or else the last complete list it fetched) ' +
    'equals what the server finally serves; names a client shows renamed the same way for every item (a prefix or ' +
    'suffix, case, `_`/`-`/`.`) are recognised, resource URIs are compared exactly.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({ lists: z.array(ListKindSchema).min(1).default(['tools']) }),
  evaluate(trace, options) {
    const evidence: number[] = [];
    const measurements: Record<string, number | string | null> = {};
    const problems: string[] = [];
    const renamed: string[] = [];
    const lastChange = ofKind(trace, 'catalogue-mutated').at(-1);
    for (const list of options.lists) {
      const { snapshot, view, expected, match } = compareFinal(trace, list);
      if (!snapshot || !expected) return notTestable('the trace has no final catalogue snapshot');
      evidence.push(snapshot.seq);
      if (!view || !match) {
        problems.push(`the target never fetched a complete ${list} list`);
        continue;
      }
      evidence.push(...view.evidence);
      measurements[`${list}ViewSource`] = view.source;
      measurements[`${list}NamesShownAs`] = match.ambiguity ? 'ambiguous' : describeRename(match.rename);
      if (lastChange) measurements[`${list}ViewAfterLastChangeMs`] = ms(view.t - lastChange.t);
      if (!match.current) problems.push(mismatch(list, view, match, { count: expected.length, revision: snapshot.revision }));
      else if (!isIdentity(match.rename)) renamed.push(`${list} names shown as ${describeRename(match.rename)}`);
    }
    if (problems.length) return fail(problems.join('; '), { evidence, measurements });
    const revision = finalCatalogue(trace)?.revision ?? '?';
    return pass(`final ${options.lists.join(', ')} view matches the server (revision ${revision}${renamed.map((r) => `; ${r}`).join('')})`, {
      evidence,
      measurements,
    });
  },
});
