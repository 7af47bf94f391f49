import { z } from 'zod';
import { finalCatalogue, ofKind, probeOf, sameSet, setDiff } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../support/check.js';
import { probeLists } from './helpers.js';
import { readKeys, renameNote } from './identity.js';
import { ListKindSchema } from '../../model/words.js';

/** `lacks [a] and still shows [b]`, or undefined when the sets are equal. */
function describeDiff(shown: readonly string[], expected: readonly string[]): string | undefined {
  if (sameSet([...new Set(shown)], expected)) return undefined;
  const { missing, extra } = setDiff([...new Set(shown)], expected);
  const parts = [missing.length ? `lacks [${missing.join(', ')}]` : '', extra.length ? `still shows [${extra.join(', ')}]` : ''];
  return parts.filter(Boolean).join(' and ');
}

export const gwConverges = defineCheck({
  id: 'gw-converges',
  title: 'Downstream converges to the upstream catalogue',
  description: 'The last list the gateway\'s users get (the probe\'s final list) holds exactly the upstream\'s final items, through any renaming.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({
    lists: z.array(ListKindSchema).min(1).default(['tools']),
    /** The scenario's last change waits out the window the user declared: without one, the cell proves nothing. */
    needsWindow: z.boolean().default(false),
  }),
  evaluate(trace, options) {
    if (options.needsWindow && trace.meta.options.debounceMs === undefined) {
      return notTestable(
        'the second change must come after the gateway\'s refresh window, and none was declared: pass --debounce <ms> ' +
        '(the gateway\'s configured window; gw-debounce-probe measures it)',
      );
    }
    const snapshot = finalCatalogue(trace);
    if (!snapshot) return notTestable('the trace has no final catalogue snapshot');
    const problems: string[] = [];
    const notes: string[] = [];
    const evidence = [snapshot.seq];
    const unread: string[] = [];
    // A gateway that died by itself shows its users nothing after: target-survives judges that, not its catalogue.
    const died = ofKind(trace, 'target-exited').find((event) => !event.expected);
    const errors = probeOf(trace, 'probe-error');
    for (const list of options.lists) {
      const last = probeLists(trace, list).at(-1);
      // A list that failed after the last one read (a gateway rate-limiting its user): its final view is unknown. Only
      // while the cell was observed: a re-list still in flight when the probe left fails, and says nothing.
      const observed = (event: { seq: number }) => event.seq > (last?.seq ?? -1) && event.seq < snapshot.seq;
      const failed = errors.filter((event) => event.list === list && observed(event)).at(-1);
      if (failed && last) {
        unread.push(`the probe's last ${list} list failed at t=${ms(failed.t)} (${failed.message}); the last it read was at t=${ms(last.t)}`);
        continue;
      }
      if (died && last && last.seq < died.seq) {
        unread.push(`the gateway exited at t=${ms(died.t)} (code ${String(died.code)}); the probe's last ${list} list was at t=${ms(last.t)}`);
        continue;
      }
      if (!last) {
        problems.push(`the probe never got a ${list} list from the gateway`);
        continue;
      }
      evidence.push(last.seq);
      const read = readKeys(trace, list, last.names);
      if (read.renamed.length) notes.push(renameNote(read.renamed));
      const diff = describeDiff(read.keys, snapshot.keys[list]);
      if (diff) problems.push(`downstream ${list} at t=${ms(last.t)} ${diff} (upstream revision ${snapshot.revision})`);
    }
    // The gateway's REST catalogue (--catalog-url), when observed, must show the final tools too, and no more.
    const catalog = ofKind(trace, 'catalog-view').at(-1);
    const measurements: Record<string, boolean | null> = { catalogCurrent: null, renamed: notes.length > 0 };
    if (catalog) {
      evidence.push(catalog.seq);
      if (catalog.status < 200 || catalog.status > 299) {
        problems.push(`the gateway's REST catalogue could not be read (HTTP ${catalog.status}): a failed observation, not an empty catalogue`);
      } else {
        const diff = describeDiff(readKeys(trace, 'tools', catalog.keys).keys, snapshot.keys.tools);
        measurements.catalogCurrent = diff === undefined;
        if (diff) problems.push(`the gateway's REST catalogue (HTTP ${catalog.status}) ${diff}`);
      }
    }
    const note = notes.length ? `; ${notes[0] ?? ''}` : '';
    if (problems.length) return fail(`${problems.join('; ')}${note}`, { evidence, measurements });
    if (unread.length) return notTestable(`the gateway's final view could not be read: ${unread.join('; ')}`, { evidence, measurements });
    const also = catalog ? ', and so does the REST catalogue' : '';
    return pass(`downstream ${options.lists.join(', ')} match upstream revision ${snapshot.revision}${also}${note}`, { evidence, measurements });
  },
});
