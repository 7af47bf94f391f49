// How fast a target acts, and whether it has caught up: what waits derive their length from.
import type { MockServer } from '../mock-server/mock-server.js';
import { itemKey, type ListKind, LIST_METHOD } from '../model/words.js';
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
  const start = journal.ofKind('frame-received').filter((e) => methodOf(e) === 'initialize').at(-1);
  const act = start && lists.find((e) => e.seq > start.seq);
  return start && act ? act.t - start.t : undefined;
}

/**
 * Whether the target's latest view report of every list it reports equals that list in the catalogue now: evidence
 * that it has caught up, so the quiet that follows only has to show it is done (false for a target without reports).
 */
export function viewsCurrent(journal: Journal, mock: MockServer): boolean {
  const views = new Map<ListKind, readonly string[]>();
  for (const view of journal.ofKind('target-view')) views.set(view.list, view.names);
  if (views.size === 0) return false;
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
