// How fast a target acts, and whether it has caught up: what waits derive their length from.
import { eraOf } from '../model/eras/all-eras.js';
import type { MockServer } from '../mock-server/mock-server.js';
import { itemKey, LIST_KINDS, type ListKind, LIST_METHOD } from '../model/words.js';
import type { TraceEvent } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';

/** The JSON-RPC method of a frame event, if it carries one. */
export function methodOf(event: TraceEvent): string | undefined {
  return 'message' in event ? (event.message as { method?: string } | undefined)?.method : undefined;
}

/** How many times its own measured reaction time a target gets before a paced wait or quiet period ends. */
export const PACE_FACTOR = 2;

const LIST_METHODS = new Set<string | undefined>(Object.values(LIST_METHOD));

/**
 * The target's pace: how fast it acts on a change, from a delivered list_changed to its next list request, in ms; its
 * fastest such reaction (a later one may have waited on a held answer), or, before any, how long after its initialize
 * request it first listed; undefined while it has not acted at all.
 */
export function paceOf(journal: Journal): number | undefined {
  const lists = journal.ofKind('frame-received').filter((e) => LIST_METHODS.has(methodOf(e)));
  let fastest: number | undefined;
  let next = 0;
  for (const note of journal.ofKind('notification')) {
    if (!note.delivered) continue;
    while (next < lists.length && (lists[next]?.seq ?? Infinity) < note.seq) next += 1;
    const act = lists[next];
    if (act) fastest = Math.min(fastest ?? Infinity, act.t - note.t);
  }
  if (fastest !== undefined) return fastest;
  // The initialize request, not session-initialized: a client's first lists may share a read with its initialized.
  // The 2026-07-28 era has no initialize: there the connection's first valid request starts the clock.
  const start =
    journal.ofKind('frame-received').filter((e) => methodOf(e) === 'initialize').at(-1) ??
    // The last connection's: a dual-era client may have probed from a throwaway process first.
    journal.ofKind('session-initialized').filter((e) => !eraOf(e.era ?? 'legacy').handshake).at(-1);
  const act = start && lists.find((e) => e.seq > start.seq);
  return start && act ? act.t - start.t : undefined;
}

/** How long a wait allows for work the target has visibly left to do (a page to fetch, a view to report), loaded or not. */
export const PENDING_WORK_MS = 1_500;

/**
 * Work the target has visibly left, or undefined: a page it was handed a cursor for and has not asked for yet, or, for a
 * target that reports its views, a list it finished fetching after its last report of that list. A quiet period derived
 * from the target's pace must not end the cell in the middle of it: on a loaded machine the gap between two pages, or
 * between the last page and the report, can outgrow twice the target's fastest reaction.
 */
export function pendingWork(journal: Journal): string | undefined {
  const received = journal.ofKind('frame-received');
  const reported = new Map<string, number>();
  for (const view of journal.ofKind('target-view')) reported.set(LIST_METHOD[view.list], view.seq);
  const lastServed = new Map<string, TraceEvent & { kind: 'list-served' }>();
  for (const served of journal.ofKind('list-served')) lastServed.set(served.method, served);
  for (const [method, served] of lastServed) {
    if (served.nextCursor !== undefined) {
      const cursor = served.nextCursor;
      const asked = received.some((e) => e.seq > served.seq && methodOf(e) === method &&
        (e.message as { params?: { cursor?: unknown } }).params?.cursor === cursor);
      if (!asked) return `${method} page ${cursor} not yet asked for`;
    } else if ((reported.get(method) ?? Infinity) < served.seq) {
      return `${method} fetched but not yet reported`;
    }
  }
  return undefined;
}

/**
 * Whether the target has reported a view of every list the catalogue has items in, each equal to that list now:
 * evidence that it has caught up, so the quiet that follows only has to show it is done (false for a target without
 * reports). A list not yet reported is not taken as caught up: a slow client may still be about to fetch it, and its
 * first fetch would then count as a re-list of the change that follows.
 */
export function viewsCurrent(journal: Journal, mock: MockServer): boolean {
  const views = new Map<ListKind, readonly string[]>();
  for (const view of journal.ofKind('target-view')) views.set(view.list, view.names);
  if (views.size === 0) return false;
  if (LIST_KINDS.some((list) => !views.has(list) && mock.catalogue.list(list).length > 0)) return false;
  for (const [list, names] of views) {
    const keys = new Set(mock.catalogue.list(list).map((item) => itemKey(list, item)));
    if (names.length !== keys.size || !names.every((name) => keys.has(name))) return false;
  }
  return true;
}

/** `PACE_FACTOR` times the target's pace, within [min, max]; `max` while the pace is unknown. */
export function paced(journal: Journal, min: number, max: number): { ms: number; pace: number | undefined } {
  const pace = paceOf(journal);
  return { ms: pace === undefined ? max : Math.min(max, Math.max(min, Math.round(PACE_FACTOR * pace))), pace };
}

/** The shortest paced wait: a fast target's reaction still has room (timers, a busy runner). */
export const MIN_PACED_MS = 100;
