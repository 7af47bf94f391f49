import { eraOf } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import type { Keyword } from '../../clauses/clause.js';
import type { EventOf } from '../../../trace/events.js';
import { ofKind } from '../../../trace/queries.js';
import { defineCheck, fail, notTestable, pass } from '../../support/check.js';
import { joined } from './stream-facts.js';

type Listen = EventOf<'probe-listen'>;
type Id = string | number;

/** How the server ended one listen that was open when it was stopped. */
type Ending = 'neither' | 'result-only' | 'cancelled-only' | 'unstamped' | 'both';

/** What each ending breaks: the clause it stands on (by keyword) and how a message says it. */
const BREAKS: Record<Exclude<Ending, 'both'>, { keyword: Keyword; says: (it: string) => string }> = {
  'neither': { keyword: 'MUST', says: (it) => `ended with neither notifications/cancelled referencing ${it} nor a closing result` },
  'result-only': { keyword: 'MUST', says: (it) => `answered with a closing result, but sent no notifications/cancelled referencing ${it}` },
  'cancelled-only': { keyword: 'SHOULD', says: (it) => `sent notifications/cancelled, but no closing result answered ${it}` },
  'unstamped': { keyword: 'none', says: () => 'answered with a closing result that does not carry the listen\'s subscriptionId' },
};
const RANK: Keyword[] = ['MUST', 'SHOULD', 'none'];

const named = (listen: Listen) => `${listen.probe ?? 'the probe'}'s listen ${JSON.stringify(listen.subscription)}`;

/** How one listen ended, from the cancellation and the closing result that referenced it (if any came). */
function endingOf(listen: Listen, cancelled: Listen | undefined, completed: Listen | undefined): Ending {
  if (!completed) return cancelled ? 'cancelled-only' : 'neither';
  if (!cancelled) return 'result-only';
  return completed.subscription === listen.subscription ? 'both' : 'unstamped';
}

export const serverListenTeardown = defineCheck({
  id: 'server-listen-teardown',
  title: 'Cancels its listen streams when it tears them down',
  description:
    'In the 2026-07-28 era: with every session\'s listen stream open, the harness asks the server to shut down (SIGTERM). ' +
    'For each listen it tears down the server must send notifications/cancelled referencing the listen\'s request id (the ' +
    'cancellation page\'s MUST), should answer the listen request with a completion result (the subscriptions page\'s ' +
    'SHOULD), and that result carries the listen\'s subscriptionId.',
  severity: 'MUST',
  specRefs: ['2026-07-28/basic/patterns/cancellation', '2026-07-28/basic/patterns/subscriptions#graceful-closure'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    if (eraOf(trace.meta.era).changes !== 'listen') return notTestable('subscriptions/listen exists only in the 2026-07-28 era: run with --era modern');
    const stop = ofKind(trace, 'server-stop')[0];
    if (!stop) return notTestable('the scenario did not stop the server (the server-listen-teardown scenario does)');
    if (!stop.ok) return notTestable(`${stop.detail}: pass --server with the command that starts it`, { evidence: [stop.seq] });
    const events = ofKind(trace, 'probe-listen');
    const before = (event: Listen) => event.t < stop.requestedT;
    const key = (probe: string | undefined, id: Id | undefined) => `${probe ?? ''}\u0000${JSON.stringify(id)}`;
    // Listens already ended (a listen honouring nothing is answered at once) were not the stop's to end.
    const endedBefore = new Set(events.filter((event) => before(event) && (event.state === 'completed' || event.state === 'cancelled'))
      .map((event) => key(event.probe, event.requestId)));
    // Only an acknowledgement stamped with a listen request's own id names the request a cancellation must reference.
    const open = events.filter((event) => before(event) && event.state === 'acknowledged' && event.requested !== undefined &&
      !endedBefore.has(key(event.probe, event.subscription)));
    if (open.length === 0) {
      return notTestable('no listen matched to its request id was open when the server was stopped (see server-listen)', { evidence: [stop.seq] });
    }
    const after = events.filter((event) => !before(event));
    const endings = open.map((listen) => {
      const of = (state: Listen['state']) =>
        after.find((event) => event.state === state && event.probe === listen.probe && event.requestId === listen.subscription);
      const [cancelled, completed] = [of('cancelled'), of('completed')];
      const evidence = [listen.seq, ...[cancelled, completed].flatMap((event) => (event ? [event.seq] : []))];
      return { listen, ending: endingOf(listen, cancelled, completed), cancelled: cancelled !== undefined, evidence };
    });
    // A server-sent cancellation may only end a listen: one that references any other request breaks the same MUST.
    const stray = events.filter((event) => event.state === 'cancelled' && event.requested === undefined);
    const measurements = { listens: open.length, cancelled: endings.filter((each) => each.cancelled).length };
    if (stop.exitMs === undefined && endings.every(({ ending }) => ending === 'neither')) {
      return notTestable(`the server was still running after SIGTERM and had ended none of its ${open.length} listen(s); it was then killed, ` +
        'so it never tore them down itself', { evidence: [stop.seq], measurements });
    }
    const problems = endings.filter((each): each is typeof each & { ending: Exclude<Ending, 'both'> } => each.ending !== 'both');
    const worst = RANK.find((keyword) => problems.some(({ ending }) => BREAKS[ending].keyword === keyword) || (keyword === 'MUST' && stray.length > 0));
    if (worst) {
      // Every problem is named; the verdict stands on the most binding clause broken.
      const lines = Object.entries(BREAKS).flatMap(([ending, { says }]) => {
        const listens = problems.filter((each) => each.ending === ending).map(({ listen }) => named(listen));
        const many = listens.length > 1;
        return listens.length ? [`${joined(listens.sort())} ${many ? 'were' : 'was'} ${says(many ? 'them' : 'it')}`] : [];
      });
      const strayIds = stray.map((event) => JSON.stringify(event.requestId ?? null));
      if (stray.length) lines.push(`it sent notifications/cancelled for ${joined(strayIds)}, which no listen request of that session had`);
      const evidence = [stop.seq, ...problems.flatMap((each) => each.evidence), ...stray.map((event) => event.seq)].slice(0, 10);
      return fail(`when stopped (SIGTERM), ${lines.join('; ')}`, { evidence, measurements, keyword: worst });
    }
    const evidence = [stop.seq, ...endings.flatMap((each) => each.evidence)].slice(0, 10);
    return pass(`when stopped (SIGTERM), the server sent notifications/cancelled referencing each of its ${open.length} open ` +
      'listen(s), and answered each with a closing result carrying its subscriptionId', { evidence, measurements });
  },
});
