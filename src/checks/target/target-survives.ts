import { z } from 'zod';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, ms, pass } from '../support/check.js';

export const targetSurvives = defineCheck({
  id: 'target-survives',
  title: 'The target survives',
  description: 'The target connects and is still running when the scenario ends: it did not exit or crash by itself.',
  severity: 'robustness',
  specRefs: [],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const died = ofKind(trace, 'target-exited').find((event) => !event.expected);
    const steps = ofKind(trace, 'step').filter((event) => event.phase === 'start');
    if (died) {
      const during = steps.filter((step) => step.t <= died.t).at(-1);
      const how = died.signal ? `was killed by ${died.signal}` : `exited with code ${died.code ?? '?'}`;
      return fail(`the target ${how} at t=${ms(died.t)}${during ? `, during step ${during.index} (${during.op})` : ''}`, {
        evidence: [died.seq, ...(during ? [during.seq] : [])],
        measurements: { exitCode: died.code, signal: died.signal },
      });
    }
    // Server mode: the sessions are the probes' (the harness is the server's client).
    const opened = trace.meta.scenario.mode === 'server' ? ofKind(trace, 'probe-connected') : ofKind(trace, 'session-opened');
    if (opened.length === 0) return fail('the target never connected to the server', { measurements: { sessions: 0 } });
    return pass(`the target stayed up (${opened.length} session(s))`, { evidence: [opened[0]?.seq ?? 0], measurements: { sessions: opened.length } });
  },
});
