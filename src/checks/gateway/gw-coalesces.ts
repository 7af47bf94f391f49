import { z } from 'zod';
import { defineCheck, fail, info, notTestable, pass } from '../support/check.js';
import { gatewayMeasurements, noSessionHint, upstreamNotes } from './helpers.js';
import { ListKindSchema } from '../../model/words.js';

/** A burst of 20 changes in 100 ms needs a leading and a trailing relay, plus slack for a refresh in flight. */
export const MAX_RELAYS_PER_BURST = 5;
/** Upstream re-lists a refreshing gateway may make for one burst (as for a client). */
export const MAX_UPSTREAM_RELISTS_PER_BURST = 3;

export const gwCoalesces = defineCheck({
  id: 'gw-coalesces',
  title: 'Coalesces a storm on both sides',
  description:
    'For a burst of upstream changes, a refreshing gateway re-lists upstream a bounded number of times and emits a bounded ' +
    'number of downstream notifications. A forwarder, which relays each notification untouched, is reported, not judged.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({
    list: ListKindSchema.default('tools'),
    maxRelays: z.number().int().min(1).default(MAX_RELAYS_PER_BURST),
    maxUpstreamRelists: z.number().int().min(1).default(MAX_UPSTREAM_RELISTS_PER_BURST),
  }),
  evaluate(trace, options) {
    const upstream = upstreamNotes(trace, options.list);
    const first = upstream[0];
    if (!first || upstream.length < 2) {
      const hint = noSessionHint(trace, options.list);
      const why = hint ?? `a burst needs at least 2 upstream notifications; ${upstream.length} reached the gateway`;
      return notTestable(why, hint ? { measurements: gatewayMeasurements(trace, options.list) } : {});
    }
    const measurements = gatewayMeasurements(trace, options.list);
    const { class: gatewayClass, downstreamNotifications: relays, gatewayRelists: relists } = measurements;
    const evidence = [first.seq];
    if (relays === 0 && relists === 0) {
      // Nothing relayed and nothing re-listed: there is nothing to coalesce (gw-relays-notification judges the silence).
      return notTestable(`the gateway relayed none of the ${upstream.length} notifications and re-listed nothing of its own (${gatewayClass}): ` +
        'nothing to coalesce', { evidence, measurements });
    }
    if (gatewayClass === 'forwarder') {
      return info(`forwarder: relayed ${relays} of ${upstream.length} notifications untouched; coalescing is left to its clients`, { evidence, measurements });
    }
    const problems: string[] = [];
    if (relists > options.maxUpstreamRelists) problems.push(`re-listed upstream ${relists} times (at most ${options.maxUpstreamRelists})`);
    if (relays > options.maxRelays) problems.push(`sent ${relays} downstream notifications (at most ${options.maxRelays})`);
    if (problems.length) return fail(`for ${upstream.length} upstream notifications the gateway ${problems.join(' and ')}`, { evidence, measurements });
    return pass(`${upstream.length} upstream notifications → ${relists} upstream re-list(s), ${relays} downstream notification(s)`, { evidence, measurements });
  },
});
