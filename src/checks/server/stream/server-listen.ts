import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { listOfChanged } from '../../../model/words.js';
import type { EventOf } from '../../../trace/events.js';
import { ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, notTestable, pass } from '../../support/check.js';
import { changeMade, isVerdict, names } from '../helpers.js';

type Ack = EventOf<'probe-listen'>;

/** How a stamp reads in messages: the JSON of it, so a number and a string with the same digits differ. */
const shown = (stamp: string | number) => JSON.stringify(stamp);

/** Two lists of problems at most, and how many more there were. */
function summarise(problems: readonly string[]): string {
  const more = problems.length > 2 ? `; and ${problems.length - 2} more` : '';
  return problems.slice(0, 2).join('; ') + more;
}

export const serverListen = defineCheck({
  id: 'server-listen',
  title: 'Serves subscriptions/listen as the 2026-07-28 revision says',
  description:
    'In the 2026-07-28 era list_changed travels only on subscriptions/listen streams. Each listen is acknowledged before ' +
    'anything else is sent on it, and the acknowledgement honours only what was asked for and is advertised; every ' +
    'notification on it carries its subscriptionId and is of a type that listen asked for. Session A opens a listen for ' +
    'every list the server announces and one for every list but tools, then changes the server.',
  severity: 'MUST',
  specRefs: ['2026-07-28/basic/patterns/subscriptions', '2026-07-28/basic/index#meta'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    if (eraOf(trace.meta.era).changes !== 'listen') return notTestable('subscriptions/listen exists only in the 2026-07-28 era: run with --era modern');
    const change = changeMade(trace, 'tool');
    if (isVerdict(change)) return change;
    const connected = ofKind(trace, 'probe-connected');
    const advertised = connected.find((event) => event.announces !== undefined)?.announces ?? [];
    const acks = ofKind(trace, 'probe-listen').filter((event) => event.state === 'acknowledged');
    if (acks.length === 0) {
      if (advertised.length === 0) return notTestable('the server advertises listChanged for no list, so no listen was opened');
      return fail(`no listen was acknowledged, though the server advertises listChanged for ${names(advertised)}`, { evidence: [change.seq] });
    }
    const problems: string[] = [];
    const evidence: number[] = [];
    for (const ack of acks) {
      const who = `${ack.probe ?? ''}'s listen ${ack.subscription === undefined ? '' : shown(ack.subscription)}`.trim();
      const honored = ack.honored ?? [];
      if (ack.subscription === undefined) problems.push(`${who} was acknowledged with no subscriptionId`);
      const unasked = ack.requested ? honored.filter((list) => !ack.requested?.includes(list)) : [];
      if (unasked.length) problems.push(`${who} asked for ${names(ack.requested ?? [])} but the acknowledgement honours ${names(unasked)} too`);
      const unadvertised = honored.filter((list) => !advertised.includes(list));
      if (unadvertised.length) problems.push(`${who} honours ${names(unadvertised)}, which the server does not advertise listChanged for`);
      if (problems.length) evidence.push(ack.seq);
    }
    const notes = ofKind(trace, 'probe-notification').filter((note) => listOfChanged(note.method) !== undefined);
    if (notes.length === 0) {
      if (problems.length) return fail(summarise(problems), { evidence });
      return notTestable('the server sent no list_changed on any listen stream (see server-announces)', { evidence: [change.seq, ...acks.map((ack) => ack.seq)] });
    }
    const ackOf = (note: EventOf<'probe-notification'>): Ack | undefined =>
      acks.find((ack) => ack.probe === note.probe && ack.subscription !== undefined && ack.subscription === note.subscription);
    for (const note of notes) {
      const list = listOfChanged(note.method) ?? 'tools';
      const at = `${note.probe ?? ''}'s ${list} list_changed`.trim();
      if (note.subscription === undefined) {
        problems.push(`${at} carried no subscriptionId`);
        evidence.push(note.seq);
        continue;
      }
      const ack = ackOf(note);
      if (!ack) {
        problems.push(`${at} was stamped ${shown(note.subscription)}, which no listen of that session was acknowledged as`);
        evidence.push(note.seq);
      } else if (ack.seq > note.seq) {
        problems.push(`${at} on listen ${shown(note.subscription)} came before that listen's acknowledgement`);
        evidence.push(note.seq, ack.seq);
      } else if (!(ack.honored ?? []).includes(list)) {
        problems.push(`${at} came on listen ${shown(note.subscription)}, which asked only for ${names(ack.requested ?? ack.honored ?? [])}`);
        evidence.push(note.seq, ack.seq);
      }
    }
    // Whether a listen that did not ask for the changed list existed: only then was "only what was asked for" exercised.
    const changedLists = new Set(notes.map((note) => listOfChanged(note.method)));
    const narrow = acks.some(({ requested }) =>
      requested !== undefined && [...changedLists].some((list) => list && !requested.includes(list)));
    if (problems.length) return fail(summarise(problems), { evidence: evidence.slice(0, 12) });
    const measurements = { listens: acks.length, notifications: notes.length };
    const filtering = narrow ? '; a listen that did not ask for the changed list was sent nothing for it' : '';
    const shownEvidence = [...acks.map((ack) => ack.seq), ...notes.slice(0, 4).map((note) => note.seq)];
    return pass(`${acks.length} listen(s) acknowledged first, each with its subscriptionId; ${notes.length} list_changed, each stamped ` +
      `and on a listen that asked for it${filtering}`, { evidence: shownEvidence, measurements });
  },
});
