import { CHANGED_METHOD, type ListKind, probeMarkerOf } from '../../model/words.js';
import type { EventOf } from '../../trace/events.js';
import { type ListRequest, listRequests, ofKind } from '../../trace/queries.js';
import type { Trace } from '../../trace/trace.js';

/** One notification the mock sent, with what became of it on each upstream session. */
export interface Send {
  t: number;
  seq: number;
  deliveries: EventOf<'notification'>[];
  delivered: number;
}

/**
 * Every list_changed the mock sent for `list`, each with its per-session deliveries (a send fans out synchronously,
 * so its deliveries are the notification events after its `fanout` and before the next one). Traces without
 * `fanout` events count each delivery as its own send.
 */
export function sends(trace: Trace, list: ListKind): Send[] {
  const method = CHANGED_METHOD[list];
  const out: Send[] = [];
  let current: Send | undefined;
  const hasFanout = ofKind(trace, 'fanout').length > 0;
  for (const event of trace.events) {
    if (event.kind === 'fanout' && event.method === method) {
      current = { t: event.t, seq: event.seq, deliveries: [], delivered: 0 };
      out.push(current);
    } else if (event.kind === 'notification' && event.method === method) {
      if (!hasFanout) out.push({ t: event.t, seq: event.seq, deliveries: [event], delivered: event.delivered ? 1 : 0 });
      else if (current) {
        current.deliveries.push(event);
        if (event.delivered) current.delivered += 1;
      }
    }
  }
  return out;
}

/** The sends that reached the gateway on at least one upstream session. */
export const deliveredSends = (trace: Trace, list: ListKind): Send[] => sends(trace, list).filter((send) => send.delivered > 0);

/** `sent N, delivered M` and the deliveries per upstream session (`abcd1234: 20/20`), for reports. */
export function deliverySummary(all: readonly Send[]): { sent: number; delivered: number; perSession: string } {
  const bySession = new Map<string, { delivered: number; total: number }>();
  for (const send of all) {
    for (const delivery of send.deliveries) {
      const entry = bySession.get(delivery.session) ?? { delivered: 0, total: 0 };
      entry.total += 1;
      if (delivery.delivered) entry.delivered += 1;
      bySession.set(delivery.session, entry);
    }
  }
  const perSession = [...bySession].map(([session, n]) => `${session.slice(0, 8)}: ${n.delivered}/${n.total}`).join(', ');
  return { sent: all.length, delivered: all.reduce((sum, send) => sum + send.delivered, 0), perSession };
}

interface Flight {
  from: number;
  to: number;
  reason: EventOf<'probe-list'>['reason'];
}

/**
 * The users' lists in flight (from request to answer), of one list or of every list: the probe's and any other user's
 * (--also-downstream), since a forwarder passes each user's list upstream.
 */
const flightsOf = (trace: Trace, list?: ListKind): Flight[] =>
  ofKind(trace, 'probe-list').filter((event) => list === undefined || event.list === list).map((event) => ({ from: event.requestedT, to: event.t, reason: event.reason }));

/** How the harness knows which upstream lists were the probe's, passed through. */
export type AttributionBasis = 'marker' | 'calibration' | 'none';

export interface Attribution {
  /** Upstream page-1 lists that were the probe's own, passed through by the gateway. */
  passedThrough: ListRequest[];
  /** Upstream page-1 lists the gateway made by itself. */
  own: ListRequest[];
  basis: AttributionBasis;
  /** Upstream sessions shown to carry the probe's lists. */
  probeSessions: string[];
}

/**
 * Which upstream lists were the probe's, passed through, and which the gateway made on its own. The proof is the
 * probe's marker (`_meta`) arriving upstream: when any list carries it, the gateway forwards requests as they are and
 * exactly the marked lists are the probe's. A gateway that rebuilds requests drops the marker; then the probe's two
 * start-up lists (initial and calibrate) show the routing: a session that carried an upstream list in both flights
 * (or a fresh session opened in each) carries the probe's lists, and only lists on it during a probe flight count.
 * Overlap in time alone proves nothing: a refreshing gateway's own refresh can coincide with a poll.
 */
export function attribute(trace: Trace, list: ListKind): Attribution {
  const firstPages = listRequests(trace, list).filter((request) => request.cursor === undefined);
  if (firstPages.some((request) => probeMarkerOf(request.event.message) !== undefined)) {
    const passedThrough = firstPages.filter((request) => probeMarkerOf(request.event.message) !== undefined);
    const own = firstPages.filter((request) => probeMarkerOf(request.event.message) === undefined);
    return { passedThrough, own, basis: 'marker', probeSessions: [...new Set(passedThrough.map((request) => request.session))] };
  }
  const flights = flightsOf(trace, list);
  const calibration = flights.filter((flight) => flight.reason === 'initial' || flight.reason === 'calibrate').slice(0, 2);
  const opened = new Map(ofKind(trace, 'session-opened').map((event) => [event.session, event.t]));
  const within = (t: number, flight: Flight) => t >= flight.from && t <= flight.to;
  const inFlight = (flight: Flight) => firstPages.filter((request) => within(request.event.t, flight));
  const sessionsPer = calibration.map((flight) => new Set(inFlight(flight).map((request) => request.session)));
  const inEvery = (session: string) => sessionsPer.every((set) => set.has(session));
  const probeSessions = calibration.length < 2 ? [] : [...(sessionsPer[0] ?? [])].filter(inEvery);
  // A gateway that opens a new upstream session per user request: each calibration flight saw a session born in it.
  const freshPerFlight =
    calibration.length >= 2 &&
    calibration.every((flight) => inFlight(flight).some((request) => within(opened.get(request.session) ?? -Infinity, flight)));
  // A list the gateway makes on the probe's session while it answers any of the probe's lists (a proxy that lists tools
  // to answer resources/list) is the probe's request passed on, not a refresh of its own.
  const anyFlight = flightsOf(trace);
  const isProbes = (request: ListRequest) =>
    anyFlight.some(
      (flight) =>
        within(request.event.t, flight) &&
        (probeSessions.includes(request.session) || (freshPerFlight && within(opened.get(request.session) ?? -Infinity, flight))),
    );
  const passedThrough = firstPages.filter(isProbes);
  const basis: AttributionBasis = probeSessions.length || freshPerFlight ? 'calibration' : 'none';
  return { passedThrough, own: firstPages.filter((request) => !isProbes(request)), basis, probeSessions };
}
