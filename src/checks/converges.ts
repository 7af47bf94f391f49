import { z } from 'zod';
import { finalCatalogue, finalView, ofKind, sameSet, setDiff } from '../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from './types.js';
import { ListKindSchema } from '../model/words.js';

/** Lists the target's final view against the catalogue's final state; shared by converges and no-stale-final. */
export function compareFinal(trace: Parameters<typeof finalView>[0], list: z.infer<typeof ListKindSchema>) {
  const snapshot = finalCatalogue(trace);
  const view = finalView(trace, list);
  const expected = snapshot?.keys[list];
  return { snapshot, view, expected };
}

export const converges = defineCheck({
  id: 'converges',
  title: 'Converges to the final catalogue',
  description:
    'At the end, the target\'s view of each list (its last view report, or else the last complete list it fetched) ' +
    'equals what the server finally serves.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({ lists: z.array(ListKindSchema).min(1).default(['tools']) }),
  evaluate(trace, options) {
    const evidence: number[] = [];
    const measurements: Record<string, number | string | null> = {};
    const problems: string[] = [];
    const lastChange = ofKind(trace, 'catalogue-mutated').at(-1);
    for (const list of options.lists) {
      const { snapshot, view, expected } = compareFinal(trace, list);
      if (!snapshot || !expected) return notTestable('the trace has no final catalogue snapshot');
      evidence.push(snapshot.seq);
      if (!view) {
        problems.push(`the target never fetched a complete ${list} list`);
        continue;
      }
      evidence.push(...view.evidence);
      measurements[`${list}ViewSource`] = view.source;
      if (lastChange) measurements[`${list}ViewAfterLastChangeMs`] = ms(view.t - lastChange.t);
      if (!sameSet(view.names, expected)) {
        const { missing, extra } = setDiff(view.names, expected);
        problems.push(
          `final ${list} view (${view.source === 'report' ? 'view report' : 'last list fetched'}) ` +
          `${missing.length ? `is missing [${missing.join(', ')}]` : ''}${missing.length && extra.length ? ' and ' : ''}` +
          `${extra.length ? `still has [${extra.join(', ')}]` : ''} (expected ${expected.length} items at revision ${snapshot.revision})`,
        );
      }
    }
    if (problems.length) return fail(problems.join('; '), { evidence, measurements });
    return pass(`final ${options.lists.join(', ')} view matches the server (revision ${finalCatalogue(trace)?.revision ?? '?'})`, {
      evidence,
      measurements,
    });
  },
});
