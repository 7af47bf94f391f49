import { z } from 'zod';
import { defineCheck, fail, ms, pass } from '../support/check.js';
import { announcementOf, changeMade, changeSeen, isVerdict, names, noStream, sessionsOf, toldAfter } from './helpers.js';

export const serverBackground = defineCheck({
  id: 'server-background',
  title: 'Announces a change made outside any request',
  description:
    'A change made from outside any request (--change-cmd: a file it watches, an admin endpoint, a signal) reaches every ' +
    'session that can be told unasked. Frameworks whose notification API is request-scoped lose exactly these.',
  severity: 'SHOULD',
  specRefs: ['2025-11-25/server/tools#list-changed-notification', '2025-11-25/basic/transports#listening-for-messages-from-the-server'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const change = changeMade(trace, 'command');
    if (isVerdict(change)) return change;
    const evidence = [change.seq];
    const measurements: Record<string, number> = {};
    const untold: string[] = [];
    const told: string[] = [];
    const byDesign: string[] = [];
    const sessions = sessionsOf(trace);
    const lists = [...new Set(sessions.flatMap(({ probe }) => changeSeen(trace, probe, change)?.lists ?? []))];
    for (const { probe, standalone } of sessions) {
      const note = toldAfter(trace, probe, change, lists);
      if (note) {
        told.push(probe);
        evidence.push(note.seq);
        measurements[`announce${probe}Ms`] = ms(note.t - change.requestedT);
      } else if (standalone) untold.push(probe);
      else byDesign.push(probe);
    }
    const designNote = byDesign.length ? `; ${names(byDesign)} ${noStream(trace)} (lost by design)` : '';
    if (untold.length) {
      const seen = lists.length ? 'though the lists show it' : 'and no list shows a change either: check that --change-cmd changes a list';
      return fail(`session(s) ${names(untold)} were never sent ${announcementOf(lists)} after ${change.detail}, ${seen}${designNote}`, { evidence, measurements });
    }
    return pass(`${names(told)} were told of the change made outside any request${designNote}`, { evidence, measurements });
  },
});
