import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { LIST_KINDS, LIST_METHOD, type ListKind } from '../../../model/words.js';
import { listRequests, ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, info, notTestable, pass } from '../../support/check.js';

export const listenFilters = defineCheck({
  id: 'listen-filters',
  title: 'Subscribes to the lists it uses',
  description:
    'In the 2026-07-28 era a server sends only the notification types a listen stream asked for. A client that reads a ' +
    'list whose changes the server announces (listChanged) must ask for that list\'s list_changed, or it never hears of ' +
    'a change to it; asking for lists it never reads costs the server deliveries nobody uses (reported, not failed).',
  severity: 'SHOULD',
  specRefs: ['2026-07-28/basic/patterns/subscriptions#notification-filter', '2026-07-28/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    if (eraOf(trace.meta.era).changes !== 'listen') return notTestable('listen streams exist only in the 2026-07-28 era; this cell played the legacy era');
    const listens = ofKind(trace, 'listen-opened');
    if (listens.length === 0) return notTestable('the target opened no subscriptions/listen stream');
    const announced = LIST_KINDS.filter((list) => trace.meta.scenario.capabilities[list].listChanged);
    const read = LIST_KINDS.filter((list) => listRequests(trace, list).length > 0);
    const asked = new Set(listens.flatMap((event) => event.requested));
    const missing = read.filter((list) => announced.includes(list) && !asked.has(list));
    const isList = (entry: string): entry is ListKind => LIST_KINDS.includes(entry as ListKind);
    const unused = [...asked].filter(isList).filter((list) => !read.includes(list));
    const measurements = { asked: [...asked].join(',') || 'nothing', read: read.join(',') || 'nothing', announced: announced.join(',') };
    const evidence = listens.map((event) => event.seq);
    if (read.length === 0) return notTestable('the target read no list', { evidence, measurements });
    if (missing.length) {
      return fail(
        `reads ${missing.map((list) => LIST_METHOD[list]).join(', ')}, whose changes the server announces, but no listen stream asked for ` +
        `${missing.map((list) => `${list} list_changed`).join(', ')} (asked: ${measurements.asked}): it never hears that ${missing.join(', ')} changed`,
        { evidence, measurements },
      );
    }
    if (unused.length) {
      return info(`subscribed to every list it reads; also to ${unused.join(', ')}, which it never reads`, { evidence, measurements });
    }
    return pass(`subscribed to every announced list it reads (${read.filter((list) => announced.includes(list)).join(', ')}; asked: ${measurements.asked})`, {
      evidence,
      measurements,
    });
  },
});
