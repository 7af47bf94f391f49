import { z } from 'zod';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../types.js';
import { changeMade, changeSeen, isVerdict, names, sessionsOf, toldAfter } from './helpers.js';

export const serverUpdateBeforeNotify = defineCheck({
  id: 'server-update-before-notify',
  title: 'Updates its list before it announces',
  description:
    'Each session lists the instant it is sent tools/list_changed; that list must already show the change. A server that ' +
    'announces first and updates after hands every prompt client the old list, and nothing tells it to look again.',
  severity: 'SHOULD',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const change = changeMade(trace, 'tool');
    if (isVerdict(change)) return change;
    const sessions = sessionsOf(trace).map((session) => session.probe);
    const stale: string[] = [];
    const judged: string[] = [];
    const evidence = [change.seq];
    let added: string[] = [];
    for (const probe of sessions) {
      const told = toldAfter(trace, probe, change);
      const seen = changeSeen(trace, probe, change);
      if (!told || !seen?.changed) continue;
      added = seen.added;
      // The list the session asked for on being told: requested at (or after) the notification, its first answer.
      const prompt = ofKind(trace, 'probe-list').find(
        (list) => (list.probe ?? '') === probe && list.list === 'tools' && list.reason === 'notification' && list.requestedT >= told.t,
      );
      if (!prompt) continue;
      judged.push(probe);
      evidence.push(told.seq, prompt.seq);
      const has = (name: string) => prompt.names.includes(name);
      const shows = seen.added.every(has) && !seen.removed.some(has);
      if (!shows) stale.push(`${probe} (listed ${ms(prompt.requestedT - told.t)} ms after being told)`);
    }
    if (judged.length === 0) {
      return notTestable('no session was told of the change and listed on it (see server-announces)', { evidence });
    }
    if (stale.length) {
      return fail(`the list asked for on the notification did not show the change yet (${names(added)}) for ${stale.join(', ')}: ` +
        'the server announces before its list reflects the change', { evidence });
    }
    return pass(`every session that listed on the notification (${names(judged)}) already saw the change`, { evidence });
  },
});
