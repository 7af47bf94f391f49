import { z } from 'zod';
import { finalCatalogue, ofKind, sameSet, setDiff } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../types.js';
import { probeLists } from './helpers.js';
import { ListKindSchema } from '../../model/words.js';

export const gwConverges = defineCheck({
  id: 'gw-converges',
  title: 'Downstream converges to the upstream catalogue',
  description: 'The last list the gateway\'s users get (the probe\'s final list) holds exactly the upstream\'s final items, through any renaming.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({ lists: z.array(ListKindSchema).min(1).default(['tools']) }),
  evaluate(trace, options) {
    const snapshot = finalCatalogue(trace);
    if (!snapshot) return notTestable('the trace has no final catalogue snapshot');
    const problems: string[] = [];
    const evidence = [snapshot.seq];
    for (const list of options.lists) {
      const last = probeLists(trace, list).at(-1);
      if (!last) {
        problems.push(`the probe never got a ${list} list from the gateway`);
        continue;
      }
      evidence.push(last.seq);
      if (!sameSet(last.keys, snapshot.keys[list])) {
        const { missing, extra } = setDiff(last.keys, snapshot.keys[list]);
        problems.push(
          `downstream ${list} at t=${ms(last.t)} ${missing.length ? `lacks [${missing.join(', ')}]` : ''}${missing.length && extra.length ? ' and ' : ''}` +
          `${extra.length ? `still shows [${extra.join(', ')}]` : ''} (upstream revision ${snapshot.revision})`,
        );
      }
    }
    // The gateway's REST catalogue (--catalog-url), when observed, must show the final tools too.
    const catalog = ofKind(trace, 'catalog-view').at(-1);
    const measurements: Record<string, boolean | null> = { catalogCurrent: null };
    if (catalog) {
      evidence.push(catalog.seq);
      const lacking = snapshot.keys.tools.filter((key) => !catalog.keys.includes(key));
      measurements.catalogCurrent = lacking.length === 0;
      if (lacking.length) problems.push(`the gateway's REST catalogue (HTTP ${catalog.status}) lacks [${lacking.join(', ')}]`);
    }
    if (problems.length) return fail(problems.join('; '), { evidence, measurements });
    return pass(`downstream ${options.lists.join(', ')} match upstream revision ${snapshot.revision}${catalog ? ', and so does the REST catalogue' : ''}`, {
      evidence,
      measurements,
    });
  },
});
