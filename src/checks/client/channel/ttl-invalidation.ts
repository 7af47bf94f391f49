import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { LIST_METHOD, ListKindSchema } from '../../../model/words.js';
import { deliveredNotifications, relists } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

export const ttlInvalidation = defineCheck({
  id: 'ttl-invalidation',
  title: 'A list_changed ends a cached list\'s freshness; ttlMs is no polling interval',
  description:
    'In the 2026-07-28 era list results carry ttlMs: how long a client may serve them from its cache. A list_changed ' +
    'makes a fresh cached list stale at once, so the client lists again before the TTL runs out; and a TTL is not a ' +
    'polling interval, so with nothing announced the client does not re-list when it expires.',
  severity: 'SHOULD',
  specRefs: ['2026-07-28/server/utilities/caching#interaction-with-notifications', '2026-07-28/server/utilities/caching#time-to-live-ttl-field'],
  timing: true,
  options: z.object({ list: ListKindSchema.default('tools') }),
  evaluate(trace, options) {
    const ttlMs = trace.meta.scenario.ttlMs;
    if (!eraOf(trace.meta.era).listHints) return notTestable('lists carry ttlMs only in the 2026-07-28 era; this cell played the legacy era');
    if (ttlMs <= 0) return notTestable('the scenario served its lists with ttlMs 0 (never fresh), so there is no TTL to judge');
    const method = LIST_METHOD[options.list];
    const lists = relists(trace, options.list);
    const note = deliveredNotifications(trace, options.list)[0];
    if (!note) return notTestable(`no ${options.list} list_changed reached the target`);
    const cached = lists.filter((request) => request.event.t < note.t).at(-1);
    if (!cached) return notTestable(`the target had not listed ${method} before the list_changed, so it had nothing cached`);
    const expires = cached.event.t + ttlMs;
    if (note.t >= expires) {
      return notTestable(`its cached ${method} (listed at t=${ms(cached.event.t)}) had expired at t=${ms(expires)}, before the list_changed at t=${ms(note.t)}: nothing fresh was invalidated`, {
        evidence: [cached.event.seq, note.seq],
      });
    }
    const after = lists.find((request) => request.event.t >= note.t);
    const later = after ? lists.filter((request) => request.event.t > after.event.t) : [];
    const end = trace.events.at(-1)?.t ?? note.t;
    const measurements = { ttlMs, relistMs: after ? ms(after.event.t - note.t) : null, relistsWithoutNotification: later.length };
    if (!after || after.event.t > expires) {
      const when = after ? `only at t=${ms(after.event.t)}, after` : 'neither before nor after';
      return fail(
        `the list_changed at t=${ms(note.t)} made its cached ${method} (listed at t=${ms(cached.event.t)}, ttlMs ${ttlMs}) stale, ` +
        `but it listed again ${when} that TTL ran out at t=${ms(expires)}`,
        {
          evidence: [cached.event.seq, note.seq, ...(after ? [after.event.seq] : [])],
          measurements,
          decisive: !after && end >= expires,
        },
      );
    }
    if (later.length) {
      const gaps = later.map((request, i) => ms(request.event.t - (i === 0 ? after : later[i - 1] ?? after).event.t));
      return fail(
        `re-listed ${method} ${later.length} more time(s) with nothing announced, ${gaps.join(', ')} ms apart, while its list was ` +
        `served with ttlMs ${ttlMs}: it treats the TTL as a polling interval`,
        { evidence: [after.event.seq, ...later.map((request) => request.event.seq)], measurements },
      );
    }
    return pass(
      `re-listed ${ms(after.event.t - note.t)} ms after the list_changed, before its cached list's ${ttlMs} ms TTL ran out, and not ` +
      `again in the ${ms(end - after.event.t)} ms after with nothing announced`,
      { evidence: [note.seq, after.event.seq], measurements },
    );
  },
});
