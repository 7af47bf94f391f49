import { type EventOf, type TraceEvent } from './events.js';
import { CHANGED_METHOD, LIST_METHOD, type ListKind, listOfItem } from '../model/words.js';
import { type Trace } from './trace.js';
import { listOfChanged } from '../model/words.js';

interface RpcShape {
  id?: string | number;
  method?: string;
  params?: { cursor?: unknown };
}

/** A list request the target sent. */
export interface ListRequest {
  event: EventOf<'frame-received'>;
  session: string;
  id: string | number;
  cursor?: string;
}

function rpc(event: { message: unknown }): RpcShape {
  return (event.message ?? {});
}

export function ofKind<K extends TraceEvent['kind']>(trace: Trace, kind: K): EventOf<K>[] {
  return trace.events.filter((event): event is EventOf<K> => event.kind === kind);
}

/** The harness's probe-side event kinds (what its own client sessions saw). */
type ProbeKind = Extract<TraceEvent['kind'], `probe-${string}`>;

/**
 * The events of the probe the checks judge. In gateway mode that is the one unlabelled probe: the other users
 * (`--also-downstream`, labelled B, C, …) are judged by gw-tells-every-user alone, so adding them changes no other
 * verdict. In server mode every labelled session's events.
 */
export function probeOf<K extends ProbeKind>(trace: Trace, kind: K): EventOf<K>[] {
  const all = ofKind(trace, kind);
  return trace.meta.scenario.mode === 'gateway' ? all.filter((event) => !('probe' in event) || event.probe === undefined) : all;
}

/** Every `<list>/list` request the target sent, in order. */
export function listRequests(trace: Trace, list: ListKind): ListRequest[] {
  const method = LIST_METHOD[list];
  const out: ListRequest[] = [];
  for (const event of ofKind(trace, 'frame-received')) {
    const message = rpc(event);
    if (message.method !== method || message.id === undefined) continue;
    const cursor = typeof message.params?.cursor === 'string' ? message.params.cursor : undefined;
    out.push({ event, session: event.session ?? '', id: message.id, ...(cursor === undefined ? {} : { cursor }) });
  }
  return out;
}

/** Re-lists: list requests for the first page (no cursor). */
export function relists(trace: Trace, list: ListKind): ListRequest[] {
  return listRequests(trace, list).filter((request) => request.cursor === undefined);
}

/** `list_changed` notifications for `list` that reached the target. */
export function deliveredNotifications(trace: Trace, list: ListKind): EventOf<'notification'>[] {
  return ofKind(trace, 'notification').filter((event) => event.method === CHANGED_METHOD[list] && event.delivered);
}

/** A list_changed that reached the target: a delivery, or the replay of a stored one on a resumed stream. */
export interface ChangeSignal {
  seq: number;
  t: number;
  list: ListKind;
}

/** Every list_changed of any list that reached the target, in order: what may have prompted a re-list of any list. */
export function changeSignals(trace: Trace): ChangeSignal[] {
  const out: ChangeSignal[] = [];
  for (const event of trace.events) {
    let method: string | undefined;
    if (event.kind === 'notification' && event.delivered) method = event.method;
    else if (event.kind === 'frame-sent' && event.replay) method = rpc(event).method;
    const list = listOfChanged(method);
    if (list) out.push({ seq: event.seq, t: event.t, list });
  }
  return out;
}

/** One fetch of a whole list: a first-page request and the cursor chain that follows it on the same session. */
export interface Fetch {
  session: string;
  /** When the first page was asked for. */
  startT: number;
  /** When the last page known was served (undefined if nothing was served). */
  endT?: number;
  /** The chain reached a page without nextCursor. */
  complete: boolean;
  /** A page with nextCursor was served and never followed. */
  abandoned: boolean;
  /** Pages served in this fetch. */
  pages: number;
  keys: string[];
  /** Lowest revision any page reflected (a fetch spanning a change is as stale as its oldest page). */
  revision?: number;
  evidence: number[];
}

/** Groups list requests and served pages into fetches (cursor chains), per session, in start order. */
export function fetches(trace: Trace, list: ListKind): Fetch[] {
  const method = LIST_METHOD[list];
  const served = new Map<string, EventOf<'list-served'>>();
  for (const event of ofKind(trace, 'list-served')) {
    if (event.method === method) served.set(`${event.session}\u0000${String(event.requestId)}`, event);
  }
  const open = new Map<string, Fetch & { expectCursor?: string }>();
  const all: (Fetch & { expectCursor?: string })[] = [];
  for (const request of listRequests(trace, list)) {
    const page = served.get(`${request.session}\u0000${String(request.id)}`);
    let fetch = open.get(request.session);
    if (request.cursor === undefined || !fetch || fetch.expectCursor !== request.cursor) {
      const start = { session: request.session, startT: request.event.t, complete: false, abandoned: false };
      fetch = { ...start, pages: 0, keys: [], evidence: [] };
      all.push(fetch);
      open.set(request.session, fetch);
    }
    fetch.evidence.push(request.event.seq);
    if (!page) continue;
    fetch.evidence.push(page.seq);
    fetch.pages += 1;
    fetch.endT = page.t;
    fetch.keys.push(...page.keys);
    fetch.revision = fetch.revision === undefined ? page.revision : Math.min(fetch.revision, page.revision);
    fetch.expectCursor = page.nextCursor;
    fetch.complete = page.nextCursor === undefined;
  }
  return all.map(({ expectCursor, ...fetch }) => ({ ...fetch, abandoned: expectCursor !== undefined && !fetch.complete }));
}

/** How long the trace runs on after `t` (ms): the window in which whatever a check waits for could still have come. */
export function coveredAfter(trace: Trace, t: number): number {
  return (trace.events.at(-1)?.t ?? t) - t;
}

/** The catalogue's keys at the end of the cell (the runner snapshots it after the last step). */
export function finalCatalogue(trace: Trace): EventOf<'catalogue-snapshot'> | undefined {
  return ofKind(trace, 'catalogue-snapshot').at(-1);
}

/** Every key `list` held at some point of the trace (any snapshot or mutation), first seen first. */
export function knownKeys(trace: Trace, list: ListKind): string[] {
  const keys = new Set<string>();
  for (const event of trace.events) {
    if (event.kind === 'catalogue-snapshot') for (const key of event.keys[list]) keys.add(key);
    if (event.kind === 'catalogue-mutated' && listOfItem(event.item) === list) keys.add(event.key);
  }
  return [...keys];
}

/** What the target ended up showing for a list: its last view report, else the last complete fetch it received. */
export interface FinalView {
  source: 'report' | 'wire';
  names: string[];
  t: number;
  revision?: number;
  evidence: number[];
}

export function finalView(trace: Trace, list: ListKind): FinalView | undefined {
  const report = ofKind(trace, 'target-view')
    .filter((event) => event.list === list)
    .at(-1);
  if (report) return { source: 'report', names: report.names, t: report.t, evidence: [report.seq] };
  const done = fetches(trace, list)
    .filter((fetch) => fetch.complete && fetch.endT !== undefined)
    .sort((a, b) => (a.endT ?? 0) - (b.endT ?? 0))
    .at(-1);
  if (!done) return undefined;
  return {
    source: 'wire',
    names: done.keys,
    t: done.endT ?? 0,
    ...(done.revision === undefined ? {} : { revision: done.revision }),
    evidence: done.evidence,
  };
}

/** Whether the target emits view reports at all (then the wire is only a fallback). */
export function hasViewReports(trace: Trace): boolean {
  return trace.events.some((event) => event.kind === 'target-view');
}

/** Same members, order ignored. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((key) => right.has(key));
}

/** What is in `expected` but not `actual` (missing) and the reverse (extra). */
export function setDiff(actual: readonly string[], expected: readonly string[]): { missing: string[]; extra: string[] } {
  const have = new Set(actual);
  const want = new Set(expected);
  return { missing: [...want].filter((key) => !have.has(key)), extra: [...have].filter((key) => !want.has(key)) };
}
