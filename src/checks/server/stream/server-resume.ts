import { z } from 'zod';
import { defineCheck, fail, info, pass } from '../../support/check.js';
import { isVerdict, resumeFacts } from './resume-facts.js';

export const serverResume = defineCheck({
  id: 'server-resume',
  title: 'Replays what a dropped GET stream missed',
  description:
    'Session R is told of a change on its GET stream; the harness drops the stream, changes the server, and re-opens it ' +
    'with Last-Event-ID. Replay is a MAY: whether a server whose events carry ids (an event store) replays the ' +
    'list_changed sent while the stream was down, and keeps the resumed stream live, is measured and reported, never ' +
    'failed; a server without ids offers no resumption (the change is lost to any client whose stream dropped). What ' +
    'a resume must not carry is judged by server-resume-other-streams.',
  severity: 'MAY',
  specRefs: ['2025-11-25/basic/transports#resumability-and-redelivery'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const facts = resumeFacts(trace);
    if (isVerdict(facts)) return facts;
    const { dropped, resumed, hasIds, replayed, after, evidence, measurements } = facts;
    if (resumed.state === 'refused') {
      const why = `HTTP ${resumed.status ?? '?'}${resumed.detail ? ` (${resumed.detail})` : ''}`;
      if (!hasIds) return info(`the server's GET events carry no ids, and a new GET after the drop was refused: ${why}`, { evidence, measurements: { resumable: 'no' } });
      return fail(`re-opening the GET stream with Last-Event-ID ${JSON.stringify(dropped.lastEventId)} was refused: ${why}`, { evidence });
    }
    if (!hasIds) {
      const missed = replayed ? 'was still delivered on the new stream' : 'was lost';
      return info(`the server's GET events carry no ids (no event store), so it offers no resumption: the change made while the stream ` +
        `was down ${missed}${after ? '' : ', and the new stream got no later change either'}`, { evidence, measurements });
    }
    if (!replayed) {
      return fail(`its GET events carry ids, but the change made while the stream was down was not replayed after re-opening with ` +
        `Last-Event-ID ${JSON.stringify(dropped.lastEventId)}, so a client whose stream drops misses it for good (a server on the ` +
        `SDK's example InMemoryEventStore behaves so: it replays nothing on the GET stream)${after ? '' : '; and the resumed stream got no later change either'}`, { evidence, measurements });
    }
    if (!after) {
      return fail('the change made while the stream was down was replayed, but the resumed stream got no later change: it is not the ' +
        'session\'s live stream', { evidence, measurements });
    }
    return pass(`the change made while the stream was down was replayed ${measurements.replayMs} ms after re-opening with Last-Event-ID ` +
      `${JSON.stringify(dropped.lastEventId)}, and the resumed stream stayed live`, { evidence, measurements });
  },
});
