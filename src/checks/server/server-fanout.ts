import { z } from 'zod';
import { defineCheck, fail, ms, notTestable, pass } from '../types.js';
import { announcementOf, changeMade, changeSeen, isVerdict, names, noStream, sessionsOf, toldAfter } from './helpers.js';

export const serverFanout = defineCheck({
  id: 'server-fanout',
  title: 'Announces a change to every session',
  description:
    'A change made through session A reaches sessions B and C too: their lists show it and each is sent list_changed. ' +
    'A session with no way to be told unasked (on Streamable HTTP, no standalone GET stream) is lost by design, not by the ' +
    'server. The common mistake is a server instance per session whose change tells only the session that asked.',
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
    const stale: string[] = [];
    const byDesign: string[] = [];
    for (const { probe, standalone } of others) {
      const told = toldAfter(trace, probe, change, lists);
      const seen = changeSeen(trace, probe, change);
      if (seen && !seen.changed) stale.push(probe);
      if (told) {
        evidence.push(told.seq);
        measurements[`announce${probe}Ms`] = ms(told.t - change.requestedT);
      } else if (standalone) untold.push(probe);
      else byDesign.push(probe);
    }
    const designNote = byDesign.length
      ? `; ${names(byDesign)} ${noStream(trace)}, so nothing could reach ${byDesign.length > 1 ? 'them' : 'it'} unasked (lost by design)`
      : '';
    if (stale.length) {
      return fail(`session(s) ${names(stale)} never see the change made through ${maker}: each session has its own list${designNote}`, {
        evidence, measurements,
      });
    }
    if (untold.length) {
      // Nobody told at all is a different fault from telling only the session that asked (see server-announces).
      const why = toldAfter(trace, maker, change, lists)
        ? 'only the session that asked is told (a server instance per session)'
        : `${maker} was not told either: the server announces this change to no session (see server-announces)`;
      return fail(
        `session(s) ${names(untold)} were never sent ${announcementOf(lists)} after ${maker}'s change, though their lists show it: ` +
        `${why}${designNote}`,
        { evidence, measurements },
      );
    }
    const told = others.filter((session) => !byDesign.includes(session.probe)).map((session) => session.probe);
    return pass(`${names(told)} were told of ${maker}'s change too${designNote}`, { evidence, measurements });
  },
});
