import { z } from 'zod';
import { defineCheck, fail, pass } from '../../support/check.js';
import { isVerdict, resumeFacts } from './resume-facts.js';

export const serverResumeOtherStreams = defineCheck({
  id: 'server-resume-other-streams',
  title: 'Replays nothing of another stream',
  description:
    'Session R re-opens its dropped GET stream with Last-Event-ID (server-resume). Whatever the server replays there must ' +
    'belong to that stream: answers to POST requests were owed on those requests\' own streams, and a server must not ' +
    'replay them on the GET stream.',
  severity: 'MUST',
  specRefs: ['2025-11-25/basic/transports#resumability-and-redelivery'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const facts = resumeFacts(trace);
    if (isVerdict(facts)) return facts;
    const { dropped, resumed, foreign, evidence, measurements } = facts;
    if (resumed.state === 'refused') return pass('the resume was refused, so nothing of another stream was replayed', { evidence, measurements });
    if (foreign.length) {
      return fail(`re-opening the GET stream with Last-Event-ID ${JSON.stringify(dropped.lastEventId)} replayed ${foreign.length} answer(s) to ` +
        'requests, which belong to those requests\' own streams', { evidence: [...evidence, ...foreign.slice(0, 3).map((event) => event.seq)], measurements });
    }
    return pass('the resumed GET stream carried no message of another stream', { evidence, measurements });
  },
});
