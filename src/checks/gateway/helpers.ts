import { type EventOf } from '../../trace/events.js';
import { deliveredNotifications, listRequests, ofKind } from '../../trace/queries.js';
import { type ListKind } from '../../model/words.js';
import { CHANGED_METHOD } from '../../model/words.js';
import { type Trace } from '../../trace/model.js';

/**
 * forwarder: passes the users' lists through to the upstream and relays notifications;
 * forwarder-drops-notifications: passes lists through but its users are never told of a change;
 * refreshing: re-lists upstream on its own after a change (an aggregator with a catalogue);
 * snapshot: neither re-lists nor passes lists through — its users see what it cached.
 */
export type GatewayClass = 'forwarder' | 'forwarder-drops-notifications' | 'refreshing' | 'snapshot' | 'unknown';

export const upstreamNotes = (trace: Trace, list: ListKind) => deliveredNotifications(trace, list);

export const downstreamNotes = (trace: Trace, list: ListKind): EventOf<'probe-notification'>[] =>
  ofKind(trace, 'probe-notification').filter((event) => event.method === CHANGED_METHOD[list]);

export const probeLists = (trace: Trace, list: ListKind): EventOf<'probe-list'>[] =>
  ofKind(trace, 'probe-list').filter((event) => event.list === list);

/**
 * Upstream re-lists the gateway made on its own: page-1 requests that did not happen while one of the probe's own
 * list requests was in flight (a forwarder's upstream lists all do; they are the probe's, relayed). The probe and
 * the mock share the harness's clock, so the flight [sent, answered] needs no slack.
 */
export function selfRelists(trace: Trace, list: ListKind) {
  const flights = probeLists(trace, list).map((event) => [event.requestedT, event.t] as const);
  return listRequests(trace, list).filter(
    (request) => request.cursor === undefined && !flights.some(([from, to]) => request.event.t >= from && request.event.t <= to),
  );
}

/** Upstream list requests made while a probe list was in flight: the probe's own, passed through. */
function passedThrough(trace: Trace, list: ListKind): number {
  const flights = probeLists(trace, list).map((event) => [event.requestedT, event.t] as const);
  const inFlight = (t: number) => flights.some(([from, to]) => t >= from && t <= to);
  return listRequests(trace, list).filter((request) => inFlight(request.event.t)).length;
}

/** What kind of gateway the trace shows, judged after the first upstream change notification. */
export function classify(trace: Trace, list: ListKind): GatewayClass {
  const first = upstreamNotes(trace, list)[0];
  if (!first) return 'unknown';
  const relisted = selfRelists(trace, list).some((request) => request.event.t >= first.t);
  const relayed = downstreamNotes(trace, list).some((event) => event.t >= first.t);
  if (relisted) return 'refreshing';
  const passes = passedThrough(trace, list) > 0;
  if (relayed) return 'forwarder';
  return passes ? 'forwarder-drops-notifications' : 'snapshot';
}

/** The keys of `list` at every catalogue revision, replayed from the first snapshot and the mutations. */
export function keysByRevision(trace: Trace, list: ListKind): Map<number, string[]> {
  const first = ofKind(trace, 'catalogue-snapshot')[0];
  const out = new Map<number, string[]>();
  if (!first) return out;
  const keys = new Set(first.keys[list]);
  out.set(first.revision, [...keys]);
  for (const change of ofKind(trace, 'catalogue-mutated')) {
    if (change.item === list) {
      if (change.op === 'add') keys.add(change.key);
      if (change.op === 'remove') keys.delete(change.key);
    }
    out.set(change.revision, [...keys]);
  }
  return out;
}

/** The catalogue revision current at time `t`. */
export function revisionAt(trace: Trace, t: number): number {
  const first = ofKind(trace, 'catalogue-snapshot')[0]?.revision ?? 0;
  return ofKind(trace, 'catalogue-mutated').filter((change) => change.t <= t).at(-1)?.revision ?? first;
}
