import { z } from 'zod';
import { deliveredNotifications, fetches, ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';
import { ListKindSchema } from '../../../model/words.js';
import { LIST_METHOD } from '../../../model/words.js';

export const followsPagination = defineCheck({
  id: 'follows-pagination',
  title: 'Follows pagination on refresh',
  description: 'Every refresh after a notification follows nextCursor to the last page, so a change on a later page is seen.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/utilities/pagination'],
  timing: false,
  options: z.object({ list: ListKindSchema.default('tools') }),
  evaluate(trace, options) {
    const first = deliveredNotifications(trace, options.list)[0];
    if (!first) return notTestable(`no ${options.list} list_changed reached the target`);
    const all = fetches(trace, options.list);
    const paged = ofKind(trace, 'list-served').some((page) => page.method === LIST_METHOD[options.list] && page.nextCursor !== undefined);
    if (!paged) {
      return notTestable(`the ${options.list} list always fit in one page (the scenario needs a page size)`);
    }
    const refreshes = all.filter((fetch) => fetch.startT >= first.t);
    if (refreshes.length === 0) return notTestable(`the target did not refresh ${options.list} after the notification`);
    const cut = refreshes.filter((fetch) => fetch.abandoned);
    const measurements = {
      refreshes: refreshes.length,
      abandoned: cut.length,
      pagesPerRefresh: Math.max(...refreshes.map((fetch) => fetch.pages)),
    };
    if (cut.length) {
      const worst = cut[0];
      return fail(
        `${cut.length} of ${refreshes.length} refreshes stopped before the last page ` +
        `(the one at t=${ms(worst?.startT ?? 0)} read ${worst?.pages ?? 0} page(s) and never asked for the next cursor)`,
        { evidence: cut.flatMap((fetch) => fetch.evidence), measurements },
      );
    }
    return pass(`${refreshes.length} refresh(es) read every page`, { evidence: refreshes.flatMap((f) => f.evidence), measurements });
  },
});
