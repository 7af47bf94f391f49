import { z } from 'zod';
import { RELIST_DEADLINE_MS } from '../client/relist/relist-after-notify.js';
import { defineCheck, fail, info, ms, notTestable, pass, type Verdict } from '../support/check.js';
import { downstreamNotes, gatewayMeasurements, noSessionHint, upstreamNotes } from './helpers.js';
import { LIST_KINDS, type ListKind, ListKindSchema } from '../../model/words.js';
import type { Trace } from '../../trace/trace.js';
import { coveredAfter, ofKind } from '../../trace/queries.js';

/** The verdict for one list: the last upstream list_changed of it that reached the gateway, and what its users heard. */
function judgeList(trace: Trace, list: ListKind, options: { deadlineMs: number; observeOnly: boolean }): Verdict {
  const upstream = upstreamNotes(trace, list);
  const last = upstream.at(-1);
  if (!last) {
    const hint = noSessionHint(trace, list);
    // The class is known even then (no-upstream-session): report it with the verdict.
    const parts = hint ? { measurements: gatewayMeasurements(trace, list) } : {};
    return notTestable(hint ?? `no upstream ${list} list_changed reached the gateway`, parts);
  }
  const after = downstreamNotes(trace, list).find((event) => event.t >= last.t);
  // A scenario may hold the gateway's own refresh to stage a race (gw-relay-before-update, gw-storm): the time the
  // answer was held is the harness's, so the deadline runs from its release.
  const released = ofKind(trace, 'response-released').filter((event) => event.t >= last.t && (!after || event.t <= after.t)).at(-1);
  const from = released ?? last;
  const measurements = {
    ...gatewayMeasurements(trace, list),
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
      `expected a downstream ${list} list_changed within ${options.deadlineMs} ms of ${since} at t=${ms(from.t)}; ` +
      `none came in the ${ms(covered)} ms after it (${gatewayClass} gateway)`,
      { evidence, measurements, decisive: covered >= options.deadlineMs },
    );
  }
  const latency = after.t - from.t;
  if (latency > options.deadlineMs) {
    return fail(`relayed ${ms(latency)} ms after ${since}, ${ms(latency - options.deadlineMs)} ms past the ${options.deadlineMs} ms deadline`, { evidence, measurements });
  }
  return pass(`downstream list_changed ${ms(latency)} ms after ${since} (${gatewayClass} gateway)`, { evidence, measurements });
}

/**
 * Several lists: the worst verdict decides and each list's verdict is named. The first list's measurements stay at the
 * top level, and every list's are kept beside them under `<list>.` (`prompts.upstreamSent`): counts per list, one unit.
 */
function combine(verdicts: readonly { list: ListKind; verdict: Verdict }[]): Verdict {
  const order = ['fail', 'untested', 'info', 'pass'];
  const worst = [...verdicts].sort((a, b) => order.indexOf(a.verdict.status) - order.indexOf(b.verdict.status))[0];
  const message = verdicts.map(({ list, verdict }) => `${list}: ${verdict.message}`).join('; ');
  const failing = verdicts.filter(({ verdict }) => verdict.status === 'fail');
  const first = verdicts[0]?.verdict;
  return {
    status: worst?.verdict.status ?? 'untested',
    message,
    evidence: verdicts.flatMap(({ verdict }) => verdict.evidence),
    measurements: {
      ...first?.measurements,
      lists: verdicts.map(({ list }) => list).join(','),
      ...Object.fromEntries(verdicts.flatMap(({ list, verdict }) => Object.entries(verdict.measurements).map(([key, value]) => [`${list}.${key}`, value]))),
    },
    ...(failing.length > 0 && failing.every(({ verdict }) => verdict.decisive) ? { decisive: true as const } : {}),
  };
}

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
    /** One list to judge (default: every list the scenario changed, each judged alone; the worst verdict counts). */
    list: ListKindSchema.optional(),
    deadlineMs: z.number().positive().default(RELIST_DEADLINE_MS),
    observeOnly: z.boolean().default(false),
  }),
  evaluate(trace, options) {
    // Every list the scenario changed (an upstream list_changed of it reached the gateway), unless one is named.
    const changed = LIST_KINDS.filter((list) => upstreamNotes(trace, list).length > 0);
    const lists = options.list ? [options.list] : changed.length ? changed : (['tools'] as const);
    const verdicts = lists.map((list) => ({ list, verdict: judgeList(trace, list, options) }));
    const only = verdicts[0];
    if (verdicts.length === 1 && only) return only.verdict;
    return combine(verdicts);
  },
});
