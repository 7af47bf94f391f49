import { z } from 'zod';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../support/check.js';
import { changeMade, changeSeen, describeChanges, isVerdict, names, sessionsOf, shows, toldAfter } from './helpers.js';

export const serverUpdateBeforeNotify = defineCheck({
  id: 'server-update-before-notify',
  title: 'Updates its list before it announces',
  description:
    'Each session lists the instant it is sent list_changed; that list must already show the change. A server that ' +
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
    let what = '';
    for (const probe of sessions) {
      const seen = changeSeen(trace, probe, change);
      if (!seen?.changed) continue;
      const told = toldAfter(trace, probe, change, seen.lists);
      if (!told) continue;
      what = describeChanges(seen.changes);
      // The lists the session asked for on being told: requested at (or after) the notification, the first answer of each.
      const prompts = seen.changes.map((each) => ({
        each,
        list: ofKind(trace, 'probe-list').find(
          (list) => (list.probe ?? '') === probe && list.list === each.list && list.reason === 'notification' && list.requestedT >= told.t,
        ),
      }));
      const listed = prompts.filter((prompt) => prompt.list !== undefined);
      if (listed.length === 0) continue;
      judged.push(probe);
      evidence.push(told.seq, ...listed.map((prompt) => prompt.list?.seq ?? 0));
      const behind = listed.find((prompt) => prompt.list && !shows(prompt.list, prompt.each));
      if (behind?.list) stale.push(`${probe} (listed ${ms(behind.list.requestedT - told.t)} ms after being told)`);
    }
    if (judged.length === 0) {
      return notTestable('no session was told of the change and listed on it (see server-announces)', { evidence });
    }
    if (stale.length) {
      return fail(`the list asked for on the notification did not show the change yet (${what}) for ${stale.join(', ')}: ` +
        'the server announces before its list reflects the change', { evidence });
    }
    return pass(`every session that listed on the notification (${names(judged)}) already saw the change`, { evidence });
  },
});
