import type { EventOf } from '../../trace/events.js';
import type { Trace } from '../../trace/model.js';
import { ofKind, setDiff } from '../../trace/queries.js';
import { notTestable, type Verdict } from '../types.js';

/** The flag that makes each kind of change possible, for "Not testable" verdicts. */
const FLAG = {
  tool: '--change-tool <name> (a tool on the server whose call changes its tools)',
  command: '--change-cmd "<command>" (a command that changes the server from outside any request)',
} as const;

/** The scenario's change of that kind, or the verdict that says why there is none to judge. */
export function changeMade(trace: Trace, via: 'tool' | 'command'): EventOf<'server-change'> | Verdict {
  const change = ofKind(trace, 'server-change').find((event) => event.via === via);
  if (!change) return notTestable(`the scenario made no change through a ${via === 'tool' ? 'tool call' : 'command'}`);
  if (!change.ok) {
    const missing = /^no --change-/.test(change.detail);
    return notTestable(`${change.detail}${missing ? `: pass ${FLAG[via]}` : ''}`, { evidence: [change.seq] });
  }
  return change;
}

export const isVerdict = (value: EventOf<'server-change'> | Verdict): value is Verdict => 'status' in value;

/** The probe sessions that connected, in order, with whether each had a way to be told unasked. */
export function sessionsOf(trace: Trace): { probe: string; standalone: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const event of ofKind(trace, 'probe-connected')) seen.set(event.probe ?? '', event.standalone !== false);
  return [...seen].map(([probe, standalone]) => ({ probe, standalone }));
}

/** The first tools list_changed a session got from the moment the change was asked for. */
export function toldAfter(trace: Trace, probe: string, change: EventOf<'server-change'>): EventOf<'probe-notification'> | undefined {
  return ofKind(trace, 'probe-notification').find(
    (event) => (event.probe ?? '') === probe && event.method === 'notifications/tools/list_changed' && event.t >= change.requestedT,
  );
}

/** A session's tools lists, in order. */
export function toolLists(trace: Trace, probe: string): EventOf<'probe-list'>[] {
  return ofKind(trace, 'probe-list').filter((event) => (event.probe ?? '') === probe && event.list === 'tools');
}

/** What a session's tools list gained and lost between its listing before the change and its last one. */
export function changeSeen(trace: Trace, probe: string, change: EventOf<'server-change'>) {
  const lists = toolLists(trace, probe);
  const before = lists.filter((list) => list.requestedT < change.requestedT).at(-1);
  const last = lists.at(-1);
  if (!before || !last || last === before) return undefined;
  const { missing: added, extra: removed } = setDiff(before.names, last.names);
  return { before, last, added, removed, changed: added.length + removed.length > 0 };
}

/** `[a, b]` for messages. */
export const names = (items: readonly string[]): string => `[${items.join(', ')}]`;
