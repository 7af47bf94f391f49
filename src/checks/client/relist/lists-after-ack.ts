import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { LIST_KINDS, LIST_METHOD } from '../../../model/words.js';
import { ofKind, relists } from '../../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';

export const listsAfterAck = defineCheck({
  id: 'lists-after-ack',
  title: 'Treats a listen stream as live only once acknowledged',
  description:
    'A server sends nothing on a subscriptions/listen stream before its acknowledgement, so a change made before it is ' +
    'announced to nobody. A client knows its view is covered from the acknowledgement on: it lists (or lists again) after ' +
    'it, never only before.',
  severity: 'best-practice',
  specRefs: ['2026-07-28/basic/patterns/subscriptions#acknowledgment'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    if (eraOf(trace.meta.era).changes !== 'listen') return notTestable('listen streams exist only in the 2026-07-28 era; this cell played the legacy era');
    const ack = ofKind(trace, 'listen-acknowledged').find((event) => event.delivered);
    if (!ack) return notTestable('no listen stream of the target was acknowledged');
    const opened = ofKind(trace, 'listen-opened').find((event) => event.subscription === ack.subscription);
    const covered = LIST_KINDS.filter((list) => opened?.honoured.includes(list) && relists(trace, list).length > 0);
    if (covered.length === 0) return notTestable('the target read no list its acknowledged listen stream covers', { evidence: [ack.seq] });
    const early = covered.filter((list) => !relists(trace, list).some((request) => request.event.t >= ack.t));
    const measurements = { ackAt: ms(ack.t), lists: covered.join(',') };
    // The verdict rests on a change the stream could not announce: one kept from it while it waited for its acknowledgement.
    const held = ofKind(trace, 'notification').find(
      (event) => !event.delivered && event.subscription === ack.subscription && event.t < ack.t && /not acknowledged yet/.test(event.reason ?? ''),
    );
    if (early.length && !held) {
      return notTestable('no change was kept from the listen stream before its acknowledgement, so listing early lost nothing here', {
        evidence: [ack.seq],
        measurements,
      });
    }
    if (early.length && held) {
      const last = early.flatMap((list) => {
        const request = relists(trace, list).at(-1);
        return request ? [{ list, request }] : [];
      });
      const when = last.map(({ list, request }) => `${LIST_METHOD[list]} last ${ms(ack.t - request.event.t)} ms before`).join(', ');
      return fail(
        `listed only before its listen stream was acknowledged at t=${ms(ack.t)} (${when}): a change in between was announced to nobody`,
        { evidence: [...last.map(({ request }) => request.event.seq), held.seq, ack.seq], measurements },
      );
    }
    return pass(`listed ${covered.join(', ')} after its listen stream was acknowledged at t=${ms(ack.t)}`, { evidence: [ack.seq], measurements });
  },
});
