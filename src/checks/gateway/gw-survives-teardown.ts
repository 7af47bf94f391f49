import { z } from 'zod';
import { ofKind, probeOf } from '../../trace/queries.js';
import { defineCheck, fail, ms, notTestable, pass } from '../support/check.js';

const TEARDOWN_FAULTS = new Set(['terminate-session', 'drop-stream', 'exit-process']);

export const gwSurvivesTeardown = defineCheck({
  id: 'gw-survives-teardown',
  title: 'Survives the upstream pool being torn down',
  description:
    'When the gateway\'s upstream sessions die (terminated session, dropped stream, exited stdio server), the gateway stays ' +
    'up, connects upstream again (re-spawning a stdio server) and keeps answering its downstream users. After the ' +
    'teardown its user lists and calls a tool, as a user would; the verdict says whether the gateway reconnected on its ' +
    'own or only on that call (a lazy gateway).',
  severity: 'robustness',
  specRefs: ['2025-11-25/basic/transports#session-management'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const teardown = ofKind(trace, 'fault').find((event) => TEARDOWN_FAULTS.has(event.fault));
    if (!teardown) {
      const step = ofKind(trace, 'step').find((event) => event.op === 'teardown');
      const sessions = ofKind(trace, 'session-opened').filter((event) => !step || event.t <= step.t).length;
      if (step && sessions === 0) {
        const called = probeOf(trace, 'probe-call').length > 0;
        return notTestable(
          'no upstream session existed when the scenario tore the upstream down: the gateway connects upstream lazily' +
          (called ? ', and did not even after the probe called a tool' : '; let the probe call a tool (drop --no-probe-call)'),
        );
      }
      return notTestable(step ? 'the upstream session had already ended when the scenario tore it down' : 'the scenario never tore the upstream down');
    }
    const died = ofKind(trace, 'target-exited').find((event) => !event.expected && event.t >= teardown.t);
    const reconnected = ofKind(trace, 'session-initialized').find((event) => event.t > teardown.t);
    const final = probeOf(trace, 'probe-list').filter((event) => event.reason === 'final').at(-1);
    const errors = probeOf(trace, 'probe-error').filter((event) => event.t > teardown.t);
    const measurements = { reconnectMs: reconnected ? ms(reconnected.t - teardown.t) : null, probeErrors: errors.length };
    const evidence = [teardown.seq, ...(reconnected ? [reconnected.seq] : []), ...(final ? [final.seq] : [])];
    if (died) return fail(`the gateway exited (code ${died.code ?? '-'}) ${ms(died.t - teardown.t)} ms after the ${teardown.fault}`, { evidence: [...evidence, died.seq], measurements });
    if (!reconnected) {
      const reopened = ofKind(trace, 'session-opened').find((event) => event.t > teardown.t);
      const used = reopened && ofKind(trace, 'frame-received').some((event) => event.session === reopened.session && event.t > reopened.t);
      if (reopened && used && final) {
        // Its users are still served; the missing initialize is a lifecycle MUST, judged by gw-initializes-upstream.
        return pass(
          `re-opened an upstream session ${ms(reopened.t - teardown.t)} ms after the ${teardown.fault} and kept serving downstream, ` +
          'but used it without initialize (see gw-initializes-upstream)',
          { evidence: [...evidence, reopened.seq], measurements },
        );
      }
      const what = reopened
        ? `opened a new upstream session ${ms(reopened.t - teardown.t)} ms after the ${teardown.fault} but never initialized it`
        : `never connected upstream again after the ${teardown.fault} at t=${ms(teardown.t)}`;
      return fail(`the gateway ${what}`, { evidence: [...evidence, ...(reopened ? [reopened.seq] : [])], measurements });
    }
    if (!final) return fail(`the gateway stopped answering downstream after the ${teardown.fault}${errors[0] ? `: ${errors[0].message}` : ''}`, { evidence, measurements });
    // The scenario's user lists and then calls a tool: a lazy gateway reconnects only then, an eager one before it.
    const call = ofKind(trace, 'step').find((event) => event.op === 'probe-call' && event.phase === 'start' && event.t > teardown.t);
    const onCall = call !== undefined && reconnected.t >= call.t;
    const how = onCall ? `once its user called a tool (${ms(reconnected.t - call.t)} ms after the call: it reconnects lazily)` : 'on its own';
    return pass(`reconnected upstream ${measurements.reconnectMs} ms after the ${teardown.fault}, ${how}, and kept serving downstream`, {
      evidence,
      measurements: { ...measurements, neededCall: onCall },
    });
  },
});
