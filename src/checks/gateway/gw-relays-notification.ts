import { z } from 'zod';
import { RELIST_DEADLINE_MS } from '../relist-after-notify.js';
import { defineCheck, fail, info, ms, notTestable, pass } from '../types.js';
import { downstreamNotes, gatewayMeasurements, noSessionHint, upstreamNotes } from './helpers.js';
import { ListKindSchema } from '../../model/words.js';
import { coveredAfter, ofKind } from '../../trace/queries.js';

export const gwRelaysNotification = defineCheck({
  id: 'gw-relays-notification',
  title: 'Tells the gateway\'s users about the change',
  description:
    'After the last upstream list_changed reached the gateway, a list_changed reaches the downstream client within a ' +
    'deadline (relayed, or the gateway\'s own after it refreshed; a refresh answer the scenario held counts from its ' +
    'release). Reports the gateway\'s class from the trace.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: true,
  options: z.object({
    list: ListKindSchema.default('tools'),
    deadlineMs: z.number().positive().default(RELIST_DEADLINE_MS),
    observeOnly: z.boolean().default(false),
  }),
  evaluate(trace, options) {
    const upstream = upstreamNotes(trace, options.list);
    const last = upstream.at(-1);
    if (!last) {
      const hint = noSessionHint(trace, options.list);
      // The class is known even then (no-upstream-session): report it with the verdict.
      const parts = hint ? { measurements: gatewayMeasurements(trace, options.list) } : {};
      return notTestable(hint ?? `no upstream ${options.list} list_changed reached the gateway`, parts);
    }
    const after = downstreamNotes(trace, options.list).find((event) => event.t >= last.t);
    // A scenario may hold the gateway's own refresh to stage a race (gw-relay-before-update, gw-storm): the time the
    // answer was held is the harness's, so the deadline runs from its release.
    const released = ofKind(trace, 'response-released').filter((event) => event.t >= last.t && (!after || event.t <= after.t)).at(-1);
    const from = released ?? last;
    const measurements = {
      ...gatewayMeasurements(trace, options.list),
      latencyMs: after ? ms(after.t - from.t) : null,
      ...(released ? { heldMs: ms(released.t - last.t) } : {}),
    };
    const since = released ? 'the release of the upstream list answer the scenario held' : 'the upstream one';
    const gatewayClass = measurements.class;
    const evidence = [last.seq, ...(after ? [after.seq] : [])];
    if (options.observeOnly) {
      return info(after ? `relayed after ${measurements.latencyMs} ms (${gatewayClass})` : `not relayed (${gatewayClass})`, { evidence, measurements });
    }
    if (!after) {
      const covered = coveredAfter(trace, from.t);
      return fail(
        `expected a downstream ${options.list} list_changed within ${options.deadlineMs} ms of ${since} at t=${ms(from.t)}; ` +
        `none came in the ${ms(covered)} ms after it (${gatewayClass} gateway)`,
        { evidence, measurements, decisive: covered >= options.deadlineMs },
      );
    }
    const latency = after.t - from.t;
    if (latency > options.deadlineMs) {
      return fail(`relayed ${ms(latency)} ms after ${since}, ${ms(latency - options.deadlineMs)} ms past the ${options.deadlineMs} ms deadline`, { evidence, measurements });
    }
    return pass(`downstream list_changed ${ms(latency)} ms after ${since} (${gatewayClass} gateway)`, { evidence, measurements });
  },
});
