import { z } from 'zod';
import type { Trace } from '../../trace/trace.js';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../support/check.js';
import { announcementOf, changeMade, changeSeen, describeChanges, isVerdict, names, noStream, sessionsOf, toldSince } from './helpers.js';

/**
 * True when the server stopped knowing this session after the burst began: a request of it was refused as an unknown
 * session (HTTP 404, "Session not found"). What such a session was told says nothing about how the server coalesces.
 */
function lostDuring(trace: Trace, probe: string, fromT: number): boolean {
  return ofKind(trace, 'probe-error').some((event) => (event.probe ?? '') === probe && event.t >= fromT && /\b404\b|session not found/i.test(event.message));
}

export const serverStorm = defineCheck({
  id: 'server-storm',
  title: 'Announces the last change of a burst',
  description:
    'Session A makes several changes back to back. The server may coalesce their announcements, but every session that ' +
    'can be told unasked must be sent list_changed after the last change was asked for, so that a client re-listing on ' +
    'the notification ends with the final list. A server that throttles by dropping (announce, then stay silent for a ' +
    'while) leaves clients with whatever the list was at its last announcement. The notification count is reported.',
  severity: 'SHOULD',
  specRefs: ['2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const first = changeMade(trace, 'tool');
    if (isVerdict(first)) return first;
    const changes = ofKind(trace, 'server-change').filter((event) => event.via === 'tool');
    const failed = changes.find((event) => !event.ok);
    if (failed) {
      return notTestable(`change ${changes.indexOf(failed) + 1} of the burst failed (${failed.detail}): give --change-args that can be repeated`, {
        evidence: [failed.seq],
      });
    }
    if (changes.length < 2) return notTestable('the scenario made one change: a burst needs several', { evidence: [first.seq] });
    const last = changes.at(-1) ?? first;
    const maker = first.probe ?? 'A';
    const seen = changeSeen(trace, maker, first);
    if (!seen?.changed) {
      return notTestable(`session ${maker}'s lists are the same before and after ${changes.length} changes: make --change-tool change a list`, {
        evidence: [first.seq, last.seq],
      });
    }
    const evidence = [first.seq, last.seq, ...seen.last.map((list) => list.seq)];
    const measurements: Record<string, number> = { changes: changes.length, burstMs: ms(last.t - first.requestedT) };
    const behind: string[] = [];
    const byDesign: string[] = [];
    const scoped: string[] = [];
    const lost: string[] = [];
    for (const { probe, standalone } of sessionsOf(trace)) {
      if (!standalone) {
        byDesign.push(probe);
        continue;
      }
      // A session whose own lists never show the burst holds per-session state: nothing is owed to it (see server-fanout).
      const sees = changeSeen(trace, probe, first);
      if (sees && !sees.changed) {
        scoped.push(probe);
        continue;
      }
      const notes = toldSince(trace, probe, first.requestedT, seen.lists);
      measurements[`notified${probe}`] = notes.length;
      const after = notes.find((note) => note.t >= last.requestedT);
      if (after) evidence.push(after.seq);
      else if (lostDuring(trace, probe, first.requestedT)) lost.push(probe);
      else behind.push(probe);
    }
    const counts = Object.entries(measurements).filter(([key]) => key.startsWith('notified')).map(([key, count]) => `${key.slice(8)} ${count}`);
    const summary = `${changes.length} changes (${describeChanges(seen.changes)}) in ${measurements.burstMs} ms; ${announcementOf(seen.lists)} sent: ${counts.join(', ')}`;
    const designNote = (byDesign.length ? `; ${names(byDesign)} ${noStream(trace)} (lost by design)` : '') +
      (scoped.length ? `; ${names(scoped)} never see the changes (per-session state)` : '') +
      (lost.length ? `; the server lost ${names(lost)}'s session during the burst (its requests were refused as an unknown session), so ` +
      'what it was told is not judged here' : '');
    if (lost.length) measurements.lostSessions = lost.length;
    // A session told nothing at all from the first change on is not a burst dropped: the server does not announce to it
    // (server-announces, server-fanout judge that). One cause, one failure: this check judges the sessions it told.
    const silent = behind.filter((probe) => Number(measurements[`notified${probe}`]) === 0);
    const dropped = behind.filter((probe) => !silent.includes(probe));
    const silentNote = silent.length ? `; ${names(silent)} told nothing at all during the burst (see server-announces and server-fanout)` : '';
    if (dropped.length) {
      return fail(
        `${summary}; session(s) ${names(dropped)} got none after the last change was asked for: the server drops announcements in a ` +
        `burst instead of coalescing them, so a client re-listing on each one misses the last changes${silentNote}${designNote}`,
        { evidence, measurements },
      );
    }
    // Past the failure above every session left behind is silent; if no session was told anything, there was no burst.
    const nobodyTold = Object.entries(measurements).every(([key, count]) => !key.startsWith('notified') || count === 0);
    if (silent.length && nobodyTold) {
      return notTestable(`${summary}: nothing was announced during the burst at all, so there is no burst to judge (see server-announces)${designNote}`, {
        evidence, measurements,
      });
    }
    const told = silent.length ? 'every session it told was told after the last change' : 'every session was told after the last change';
    return pass(`${summary}; ${told}${silentNote}${designNote}`, { evidence, measurements });
  },
});
