import { z } from 'zod';
import { sameSet } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../support/check.js';
import { downstreamNotes, keysByRevision, probeLists, revisionAt, upstreamNotes } from './helpers.js';
import { readKeys } from './identity.js';
import { ListKindSchema } from '../../model/words.js';

export const gwRelayAfterUpdate = defineCheck({
  id: 'gw-relay-after-update',
  title: 'No relay before the catalogue is updated',
  description:
    'A downstream list_changed must not arrive before the gateway\'s own list reflects the change: the probe lists at once ' +
    'on every downstream notification, and that list must show at least the revision the upstream had announced.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({ list: ListKindSchema.default('tools') }),
  evaluate(trace, options) {
    const upstream = upstreamNotes(trace, options.list);
    const relays = downstreamNotes(trace, options.list).filter((event) => event.t >= (upstream[0]?.t ?? Infinity));
    if (relays.length === 0) return notTestable('no downstream notification followed an upstream change');
    const revisions = keysByRevision(trace, options.list);
    const lists = probeLists(trace, options.list).filter((event) => event.reason === 'notification');
    const premature: string[] = [];
    const evidence: number[] = [];
    for (const relay of relays) {
      const announced = upstream.filter((note) => note.t <= relay.t).at(-1);
      const view = lists.find((event) => event.requestedT >= relay.t - 1);
      if (!announced || !view) continue;
      const wanted = revisionAt(trace, announced.t);
      const viewKeys = readKeys(trace, options.list, view.names).keys;
      const shown = [...revisions.entries()].filter(([, keys]) => sameSet(keys, viewKeys)).map(([revision]) => revision);
      if (!shown.some((revision) => revision >= wanted)) {
        premature.push(`t=${ms(relay.t)}: list showed revision ${shown.length ? Math.max(...shown) : '?'} < ${wanted}`);
        evidence.push(relay.seq, view.seq);
      }
    }
    if (premature.length) {
      return fail(`${premature.length} of ${relays.length} downstream notifications came before the gateway's list was updated (${premature.slice(0, 3).join('; ')})`, {
        evidence,
        measurements: { relays: relays.length, premature: premature.length },
      });
    }
    return pass(`every one of ${relays.length} downstream notifications was followed by an up-to-date list`, { measurements: { relays: relays.length, premature: 0 } });
  },
});
