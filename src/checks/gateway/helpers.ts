import { type EventOf } from '../../trace/events.js';
import { ofKind, probeOf } from '../../trace/queries.js';
import { type Attribution, attribute, deliveredSends, deliverySummary, type Send, sends } from './attribution.js';
import { type ListKind } from '../../model/words.js';
import { CHANGED_METHOD } from '../../model/words.js';
import { type Trace } from '../../trace/trace.js';

/**
 * forwarder: passes the users' lists through to the upstream and relays notifications;
 * forwarder-drops-notifications: passes lists through but its users are never told of a change;
 * refreshing: re-lists upstream on its own after a change (an aggregator with a catalogue);
 * snapshot: neither re-lists nor passes lists through — its users see what it cached;
 * no-upstream-session: no upstream session was open when the change was sent (a lazy gateway nobody woke).
 */
export type GatewayClass = 'forwarder' | 'forwarder-drops-notifications' | 'refreshing' | 'snapshot' | 'no-upstream-session' | 'unknown';

/** The upstream list_changed sends that reached the gateway on at least one session. */
export const upstreamNotes = (trace: Trace, list: ListKind): Send[] => deliveredSends(trace, list);

export const downstreamNotes = (trace: Trace, list: ListKind): EventOf<'probe-notification'>[] =>
  probeOf(trace, 'probe-notification').filter((event) => event.method === CHANGED_METHOD[list]);

export const probeLists = (trace: Trace, list: ListKind): EventOf<'probe-list'>[] =>
  probeOf(trace, 'probe-list').filter((event) => event.list === list);

/** Upstream page-1 lists the gateway made on its own (not the probe's, passed through: see `attribute`). */
export const selfRelists = (trace: Trace, list: ListKind) => attribute(trace, list).own;

/** The class from what the trace shows, judged after the first send that reached the gateway. */
function classOf(all: readonly Send[], attribution: Attribution, downstream: readonly EventOf<'probe-notification'>[]): GatewayClass {
  const first = all.find((send) => send.delivered > 0);
  if (!first) return all.length && all.every((send) => send.deliveries.length === 0) ? 'no-upstream-session' : 'unknown';
  if (attribution.own.some((request) => request.event.t >= first.t)) return 'refreshing';
  if (downstream.some((event) => event.t >= first.t)) return 'forwarder';
  return attribution.passedThrough.length > 0 ? 'forwarder-drops-notifications' : 'snapshot';
}

/** The measurements every gateway check reports: class, sends vs deliveries per session, relays, own re-lists. */
export function gatewayMeasurements(trace: Trace, list: ListKind) {
  // Each part is read from the trace once; the class is judged from the same parts.
  const all = sends(trace, list);
  const attribution = attribute(trace, list);
  const downstream = downstreamNotes(trace, list);
  const from = all.find((send) => send.delivered > 0)?.t ?? Infinity;
  const delivery = deliverySummary(all);
  return {
    class: classOf(all, attribution, downstream),
    upstreamSent: delivery.sent,
    upstreamDelivered: delivery.delivered,
    deliveriesPerSession: delivery.perSession,
    downstreamNotifications: downstream.filter((event) => event.t >= from).length,
    gatewayRelists: attribution.own.filter((request) => request.event.t >= from).length,
    passedThroughLists: attribution.passedThrough.length,
    attributedBy: attribution.basis,
  };
}

/** Why a gateway check could not be judged when no upstream session was open at the change, and what to do. */
export function noSessionHint(trace: Trace, list: ListKind): string | undefined {
  const all = sends(trace, list);
  if (!all.length || all.some((send) => send.deliveries.length > 0)) return undefined;
  const called = probeOf(trace, 'probe-call').length > 0;
  return (
    `no upstream session was open when the ${list} change was sent (${all.length} sent, 0 delivered): the gateway connects ` +
    (called ? 'upstream lazily and did not even after the probe called a tool' : 'upstream lazily; let the probe call a tool (drop --no-probe-call)')
  );
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
