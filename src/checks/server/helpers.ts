import { eraOf } from '../../model/eras/all-eras.js';
import { CHANGED_METHOD, LIST_KINDS, type ListKind } from '../../model/words.js';
import type { EventOf } from '../../trace/events.js';
import type { Trace } from '../../trace/trace.js';
import { ofKind, setDiff } from '../../trace/queries.js';
import { notTestable, type Verdict } from '../support/check.js';

/** The flag that makes each kind of change possible, for "Not testable" verdicts. */
const FLAG = {
  tool: '--change-tool <name> (a tool on the server whose call changes a list)',
  command: '--change-cmd "<command>" (a command that changes the server from outside any request)',
} as const;

type ServerChange = EventOf<'server-change'>;
type ProbeList = EventOf<'probe-list'>;

/** The scenario's first change of that kind, or the verdict that says why there is none to judge. */
export function changeMade(trace: Trace, via: 'tool' | 'command'): ServerChange | Verdict {
  const change = ofKind(trace, 'server-change').find((event) => event.via === via);
  if (!change) return notTestable(`the scenario made no change through a ${via === 'tool' ? 'tool call' : 'command'}`);
  if (!change.ok) {
    const missing = /^no --change-/.test(change.detail);
    return notTestable(`${change.detail}${missing ? `: pass ${FLAG[via]}` : ''}`, { evidence: [change.seq] });
  }
  return change;
}

export const isVerdict = (value: ServerChange | Verdict): value is Verdict => 'status' in value;

/** The probe sessions that connected, in order, with whether each had a way to be told unasked. */
export function sessionsOf(trace: Trace): { probe: string; standalone: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const event of ofKind(trace, 'probe-connected')) seen.set(event.probe ?? '', event.standalone !== false);
  // In label order: sessions connect at once, so the journal's order is the network's.
  return [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([probe, standalone]) => ({ probe, standalone }));
}

/** The notification methods for `lists`; every list_changed method when no list is known to have changed. */
const methodsFor = (lists: readonly ListKind[]): string[] =>
  (lists.length ? lists : LIST_KINDS).map((list) => CHANGED_METHOD[list]);

/** `tools/list_changed`, or `tools or resources list_changed`, for messages. */
export function announcementOf(lists: readonly ListKind[]): string {
  const shown = lists.length ? lists : ['tools'];
  return shown.length === 1 ? `${shown[0]}/list_changed` : `${shown.join(' or ')} list_changed`;
}

/** The first list_changed (for one of `lists`, or any) a session got from the moment the change was asked for. */
export function toldAfter(
  trace: Trace,
  probe: string,
  change: ServerChange,
  lists: readonly ListKind[] = [],
): EventOf<'probe-notification'> | undefined {
  const methods = methodsFor(lists);
  return ofKind(trace, 'probe-notification').find(
    (event) => (event.probe ?? '') === probe && methods.includes(event.method) && event.t >= change.requestedT,
  );
}

/** Every list_changed (for one of `lists`) a session got from `fromT` on. */
export function toldSince(trace: Trace, probe: string, fromT: number, lists: readonly ListKind[]): EventOf<'probe-notification'>[] {
  const methods = methodsFor(lists);
  return ofKind(trace, 'probe-notification').filter((event) => (event.probe ?? '') === probe && methods.includes(event.method) && event.t >= fromT);
}

/** A session's lists of one kind, in order. */
export function listsOf(trace: Trace, probe: string, list: ListKind): ProbeList[] {
  return ofKind(trace, 'probe-list').filter((event) => (event.probe ?? '') === probe && event.list === list);
}

/** What one list gained and lost. */
export interface ListChange {
  list: ListKind;
  added: string[];
  removed: string[];
}

/** What a session's lists show changed between its listing before the change and its last one. */
export interface ChangeSeen {
  /** The lists that changed, with what changed in each. */
  changes: ListChange[];
  changed: boolean;
  /** The lists that changed (empty: none did). */
  lists: ListKind[];
  /** The last listing of each list that was listed before and after. */
  last: ProbeList[];
}

/** What a session's lists gained and lost between its listing before the change and its last one; undefined: not listed both sides. */
export function changeSeen(trace: Trace, probe: string, change: ServerChange): ChangeSeen | undefined {
  const changes: ListChange[] = [];
  const last: ProbeList[] = [];
  for (const list of LIST_KINDS) {
    const lists = listsOf(trace, probe, list);
    const before = lists.filter((each) => each.requestedT < change.requestedT).at(-1);
    const final = lists.at(-1);
    if (!before || !final || final === before) continue;
    last.push(final);
    const { missing: added, extra: removed } = setDiff(before.names, final.names);
    if (added.length + removed.length > 0) changes.push({ list, added, removed });
  }
  if (last.length === 0) return undefined;
  return { changes, changed: changes.length > 0, lists: changes.map((each) => each.list), last };
}

/** "added [x], removed [y]" (tools), "added resources [u]" (other lists), for messages. */
export function describeChanges(changes: readonly ListChange[]): string {
  return changes.flatMap(({ list, added, removed }) => {
    const which = list === 'tools' ? '' : `${list} `;
    return [added.length ? `added ${which}${names(added)}` : '', removed.length ? `removed ${which}${names(removed)}` : ''];
  }).filter(Boolean).join(', ');
}

/** Whether a list shows a change: every added name in it, no removed one. */
export function shows(list: ProbeList, change: ListChange): boolean {
  return change.added.every((name) => list.names.includes(name)) && !change.removed.some((name) => list.names.includes(name));
}

/** What a session that cannot be told unasked lacks, in the trace's era: its standalone GET stream, or a listen stream. */
export const noStream = (trace: Trace): string =>
  eraOf(trace.meta.era).noStream;

/** `[a, b]` for messages. */
export const names = (items: readonly string[]): string => `[${items.join(', ')}]`;
