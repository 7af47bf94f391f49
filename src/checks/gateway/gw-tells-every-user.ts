import { z } from 'zod';
import { CHANGED_METHOD, type ListKind, ListKindSchema } from '../../model/words.js';
import type { Trace } from '../../trace/trace.js';
import { finalCatalogue, ofKind, sameSet } from '../../trace/queries.js';
import { defineCheck, fail, type Measurement, notTestable, pass } from '../support/check.js';
import { noSessionHint, selfRelists, upstreamNotes } from './helpers.js';
import { readKeys } from './identity.js';

/** The trace labels the gateway's users: the probe has none (A in reports), --also-downstream's are B, C, … */
const nameOf = (label: string) => (label === '' ? 'A (--downstream)' : `${label} (--also-downstream)`);

/** Every user that connected, the probe first, and the users that gave up without connecting, with why. */
function usersOf(trace: Trace): { users: string[]; neverConnected: string[] } {
  const users = [...new Set(ofKind(trace, 'probe-connected').map((event) => event.probe ?? ''))].sort();
  const neverConnected = ofKind(trace, 'probe-error')
    .filter((event) => event.probe !== undefined && !users.includes(event.probe))
    .map((event) => `${nameOf(event.probe ?? '')}: ${event.message}`);
  return { users, neverConnected: [...new Set(neverConnected)] };
}

interface ListView {
  list: ListKind;
  told: string[];
  untold: string[];
  /** Users whose last list shows the upstream's final items. */
  current: string[];
  stale: string[];
  evidence: number[];
  measurements: Record<string, Measurement>;
}

/** Who of the users was told of the list's change after it first reached the gateway, and whose last list is current. */
function viewOf(trace: Trace, list: ListKind, users: readonly string[], expected: readonly string[]): ListView | string {
  const sent = upstreamNotes(trace, list);
  const first = sent[0];
  if (!first) return noSessionHint(trace, list) ?? `no upstream ${list} list_changed reached the gateway`;
  const view: ListView = { list, told: [], untold: [], current: [], stale: [], evidence: [first.seq], measurements: {} };
  for (const user of users) {
    const mine = (event: { probe?: string | undefined }) => (event.probe ?? '') === user;
    const told = ofKind(trace, 'probe-notification').find((event) => mine(event) && event.method === CHANGED_METHOD[list] && event.t >= first.t);
    (told ? view.told : view.untold).push(user);
    if (told) view.evidence.push(told.seq);
    const last = ofKind(trace, 'probe-list').filter((event) => mine(event) && event.list === list).at(-1);
    const current = last !== undefined && sameSet([...new Set(readKeys(trace, list, last.names).keys)], expected);
    (current ? view.current : view.stale).push(user);
    if (last) view.evidence.push(last.seq);
  }
  // Whether each worker refreshed: the gateway's own upstream lists after the change, and the upstream sessions told.
  view.measurements = {
    [`${list}.told`]: view.told.length,
    [`${list}.current`]: view.current.length,
    [`${list}.upstreamSessionsTold`]: first.delivered,
    [`${list}.gatewayRefreshes`]: selfRelists(trace, list).filter((request) => request.event.t >= first.t).length,
  };
  return view;
}

export const gwTellsEveryUser = defineCheck({
  id: 'gw-tells-every-user',
  title: 'Tells every user of the gateway',
  description:
    'With more users than the probe (--also-downstream: a second worker\'s URL, or the same URL again), every user is ' +
    'told of an upstream change and ends with the upstream\'s final list, not only the one whose session owns the ' +
    'upstream session or sits on the worker that heard it. Reports how many upstream sessions were told and how often ' +
    'the gateway re-listed upstream. A failure only where some users were told or current and others not: a gateway ' +
    'that tells no one is gw-relays-notification\'s failure, and one whose catalogue is stale for all is gw-converges\'.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({ lists: z.array(ListKindSchema).min(1).default(['tools']) }),
  evaluate(trace, options) {
    const { users, neverConnected } = usersOf(trace);
    if (neverConnected.length) return notTestable(`not every user connected: ${neverConnected.join('; ')}; each --also-downstream URL must accept an MCP session`);
    if (users.length < 2) {
      return notTestable('the probe was the gateway\'s only user: give --also-downstream <URL> (a second worker\'s, or the same URL again)');
    }
    const snapshot = finalCatalogue(trace);
    if (!snapshot) return notTestable('the trace has no final catalogue snapshot');
    const problems: string[] = [];
    const seen: string[] = [];
    const skipped: string[] = [];
    const evidence: number[] = [snapshot.seq];
    const measurements: Record<string, Measurement> = { users: users.length };
    for (const list of options.lists) {
      const view = viewOf(trace, list, users, snapshot.keys[list]);
      if (typeof view === 'string') {
        skipped.push(view);
        continue;
      }
      evidence.push(...view.evidence);
      Object.assign(measurements, view.measurements);
      const { told, untold, current, stale } = view;
      if (told.length && untold.length) problems.push(`${untold.map(nameOf).join(', ')} never told of the ${list} change, while ${told.map(nameOf).join(', ')} ${told.length > 1 ? 'were' : 'was'}`);
      if (current.length && stale.length) problems.push(`${stale.map(nameOf).join(', ')} still ${stale.length > 1 ? 'list' : 'lists'} old ${list} (upstream revision ${snapshot.revision}), while ${current.map(nameOf).join(', ')} ${current.length > 1 ? 'list' : 'lists'} the final ones`);
      if (!told.length) skipped.push(`no user was told of the ${list} change (gw-relays-notification judges that)`);
      else seen.push(`${list}: ${told.length} of ${users.length} users told, ${current.length} current, ${String(view.measurements[`${list}.gatewayRefreshes`])} gateway refresh(es) upstream`);
    }
    if (problems.length) return fail(problems.join('; '), { evidence, measurements });
    if (!seen.length) return notTestable(skipped.join('; '), { evidence, measurements });
    return pass([...seen, ...skipped].join('; '), { evidence, measurements });
  },
});
