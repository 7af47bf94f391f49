import { z } from 'zod';
import { coveredAfter, ofKind } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass, info } from '../support/check.js';
import { announcementOf, changeMade, changeSeen, describeChanges, isVerdict, toldAfter } from './helpers.js';

/** How soon the session that made a change must be told of it: far above any server's own latency, short for a user. */
export const ANNOUNCE_BOUND_MS = 1_000;

export const serverAnnounces = defineCheck({
  id: 'server-announces',
  title: 'Announces a change to the session that made it',
  description:
    `A change made through one session's tool call is announced to that session with list_changed for the list it ` +
    `changed within ${ANNOUNCE_BOUND_MS} ms, and that session's next list shows it. A server that changes a list without telling ` +
    'leaves its clients with a stale list until they happen to poll.',
  severity: 'SHOULD',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: true,
  options: z.object({}),
  evaluate(trace) {
    const change = changeMade(trace, 'tool');
    if (isVerdict(change)) return change;
    const probe = change.probe ?? 'A';
    const seen = changeSeen(trace, probe, change);
    if (!seen) return notTestable(`session ${probe} has no list from before and after the change`, { evidence: [change.seq] });
    const evidence = [change.seq, ...seen.last.map((list) => list.seq)];
    if (!seen.changed) {
      return notTestable(`session ${probe}'s lists are the same before and after ${change.detail}: make --change-tool change a list`, { evidence });
    }
    const what = describeChanges(seen.changes);
    const told = toldAfter(trace, probe, change, seen.lists);
    if (!told) {
      // A list the server does not advertise listChanged for: no 2026-07-28 listen can ask for it, and careful clients ignore it.
      const advertised = ofKind(trace, 'probe-connected').find((event) => (event.probe ?? '') === probe)?.announces;
      const unadvertised = advertised ? seen.lists.filter((list) => !advertised.includes(list)) : [];
      // The SHOULD binds servers that declared listChanged: silence about a list it does not advertise is consistent.
      if (unadvertised.length === seen.lists.length) {
        return info(`session ${probe}'s call ${what}, and it was not told: the server does not advertise listChanged for ` +
          `${unadvertised.join(', ')}, and the spec asks announcements only of servers that declared it`, { evidence });
      }
      const note = unadvertised.length ? ` (it does not advertise listChanged for ${unadvertised.join(', ')})` : '';
      // Decisive once the trace covers the bound after the call: no slow moment explains an announcement that never came.
      const decisive = coveredAfter(trace, change.requestedT) >= ANNOUNCE_BOUND_MS;
      return fail(`session ${probe}'s call ${what} (its list shows it) but it was never sent ${announcementOf(seen.lists)}${note}`, { evidence, decisive });
    }
    const latency = ms(told.t - change.requestedT);
    const measurements = { announceMs: latency };
    if (latency > ANNOUNCE_BOUND_MS) {
      return fail(`session ${probe} was told ${latency} ms after its call ${what}, past the ${ANNOUNCE_BOUND_MS} ms bound`, {
        evidence: [told.seq, ...evidence], measurements,
      });
    }
    return pass(`session ${probe} was told ${latency} ms after its call ${what}, and its list shows it`, { evidence: [told.seq, ...evidence], measurements });
  },
});
