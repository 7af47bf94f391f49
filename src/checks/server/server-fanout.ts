import { eraOf } from '../../model/eras/all-eras.js';
import { z } from 'zod';
import { defineCheck, fail, info, ms, notTestable, pass } from '../support/check.js';
import { announcementOf, changeMade, changeSeen, isVerdict, names, noStream, sessionsOf, toldAfter } from './helpers.js';

export const serverFanout = defineCheck({
  id: 'server-fanout',
  title: 'Announces a change to every session',
  description:
    'A change made through session A reaches sessions B and C too: their lists show it and each is sent list_changed. ' +
    'A session with no way to be told unasked (on Streamable HTTP, no standalone GET stream) is lost by design, not by the ' +
    'server. The common mistake is a server instance per session whose change tells only the session that asked. A change ' +
    'the other sessions do not see at all is per-session state: nothing is owed to them (reported as info).',
  severity: 'SHOULD',
  specRefs: ['2025-11-25/server/tools#list-changed-notification', '2025-11-25/basic/transports#listening-for-messages-from-the-server'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const change = changeMade(trace, 'tool');
    if (isVerdict(change)) return change;
    const maker = change.probe ?? 'A';
    const others = sessionsOf(trace).filter((session) => session.probe !== maker);
    if (others.length === 0) {
      return notTestable('only one session connected (a stdio server serves one session per process): run it over sse or http', { evidence: [change.seq] });
    }
    const evidence = [change.seq];
    const measurements: Record<string, number | string> = {};
    // The lists the change touched, as the session that made it sees them.
    const lists = changeSeen(trace, maker, change)?.lists ?? [];
    const untold: string[] = [];
    const scoped: string[] = [];
    const byDesign: string[] = [];
    for (const { probe, standalone } of others) {
      const told = toldAfter(trace, probe, change, lists);
      const seen = changeSeen(trace, probe, change);
      if (told) {
        evidence.push(told.seq);
        measurements[`announce${probe}Ms`] = ms(told.t - change.requestedT);
      } else if (seen && !seen.changed) scoped.push(probe);
      else if (standalone) untold.push(probe);
      else byDesign.push(probe);
    }
    const designNote = byDesign.length
      ? `; ${names(byDesign)} ${noStream(trace)}, so nothing could reach ${byDesign.length > 1 ? 'them' : 'it'} unasked (lost by design)`
      : '';
    // A session whose own list does not show the change has nothing to be told: the change is scoped to the session that
    // made it (per-session state), which the server may well mean. Only shared changes are judged for fan-out.
    const scopedNote = scoped.length
      ? `; ${names(scoped)} ${scoped.length > 1 ? 'do' : 'does'} not see the change (per-session state), so nothing is owed to ${scoped.length > 1 ? 'them' : 'it'}`
      : '';
    if (untold.length) {
      // Nobody told at all is a different fault from telling only the session that asked (see server-announces).
      const why = toldAfter(trace, maker, change, lists)
        ? 'only the session that asked is told (a server instance per session)'
        : `${maker} was not told either: the server announces this change to no session (see server-announces)`;
      return fail(
        `session(s) ${names(untold)} were never sent ${announcementOf(lists)} after ${maker}'s change, though their lists show it: ` +
        `${why}${scopedNote}${designNote}`,
        { evidence, measurements },
      );
    }
    const told = others.map((session) => session.probe).filter((probe) => !byDesign.includes(probe) && !scoped.includes(probe));
    // In 2026-07-28 a list "MUST NOT vary per-connection": a change one connection sees and another does not breaks it.
    if (scoped.length > 0 && eraOf(trace.meta.era).sameListForEveryConnection) {
      return fail(`the change made through ${maker} shows in its own lists but not in ${names(scoped)}'s: the list varies per connection`, {
        evidence, measurements, keyword: 'MUST NOT',
      });
    }
    if (told.length === 0 && scoped.length > 0) {
      return info(`the change made through ${maker} is scoped to that session: ${names(scoped)} ${scoped.length > 1 ? 'do' : 'does'} not see it ` +
        `(per-session state), so there is no fan-out to judge${designNote}`, { evidence, measurements });
    }
    return pass(`${names(told)} were told of ${maker}'s change too${scopedNote}${designNote}`, { evidence, measurements });
  },
});
