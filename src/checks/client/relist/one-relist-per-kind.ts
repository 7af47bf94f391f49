import { z } from 'zod';
import { deliveredNotifications, relists } from '../../../trace/queries.js';
import { defineCheck, fail, notTestable, pass } from '../../support/check.js';
import { ListKindSchema } from '../../../model/words.js';

export const oneRelistPerKind = defineCheck({
  id: 'one-relist-per-kind',
  title: 'One re-list per changed list',
  description:
    'When tools, resources and prompts change together, each list is re-listed, and none more than once (a client ' +
    'that re-lists everything on any notification, or each list repeatedly, fails).',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification', '2025-11-25/server/resources#list-changed-notification'],
  timing: false,
  options: z.object({
    lists: z.array(ListKindSchema).min(1).default(['tools', 'resources', 'prompts']),
    maxPerKind: z.number().int().min(1).default(1),
  }),
  evaluate(trace, options) {
    const starts = options.lists.map((list) => deliveredNotifications(trace, list)[0]);
    const missing = options.lists.filter((_, i) => !starts[i]);
    if (missing.length) return notTestable(`no list_changed reached the target for ${missing.join(', ')}`);
    const from = Math.min(...starts.map((event) => event?.t ?? Infinity));
    const counts: Record<string, number> = {};
    const evidence: number[] = [];
    const problems: string[] = [];
    for (const list of options.lists) {
      const after = relists(trace, list).filter((request) => request.event.t >= from);
      counts[list] = after.length;
      evidence.push(...after.map((request) => request.event.seq));
      if (after.length === 0) problems.push(`${list} was not re-listed`);
      else if (after.length > options.maxPerKind) problems.push(`${list} was re-listed ${after.length} times (at most ${options.maxPerKind})`);
    }
    const summary = options.lists.map((list) => `${list} ${counts[list] ?? 0}`).join(', ');
    if (problems.length) return fail(`${problems.join('; ')} — re-lists: ${summary}`, { evidence, measurements: counts });
    return pass(`re-lists: ${summary}`, { evidence, measurements: counts });
  },
});
