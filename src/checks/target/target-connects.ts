import { eraOf, serves } from '../../model/eras/all-eras.js';
import { z } from 'zod';
import type { Trace } from '../../trace/trace.js';
import { ofKind, probeOf } from '../../trace/queries.js';
import { defineCheck, fail, info, pass } from '../support/check.js';

/** How many of the target's last output lines a failure quotes when none reads as an error (the trace keeps more). */
const QUOTED_LINES = 3;

/** Stack frames, caret markers and runtime banners say where, not what: they are skipped when quoting. */
const NOISE = [/^\s+at\s/, /^\s*\^+\s*$/, /^Node\.js v\d/];

/** The line that says what went wrong (the last error-like one), else the last few that are not noise. */
export function quote(lines: readonly string[]): string {
  const meaningful = lines.filter((line) => !NOISE.some((noise) => noise.test(line)));
  const error = meaningful.findLast((line) => /\b(error|exception|fatal|refused|not supported|unsupported)\b/i.test(line));
  return error?.trim() ?? meaningful.slice(-QUOTED_LINES).map((line) => line.trim()).join(' | ');
}

/** How a target that never connected ended, and what it last said: shared by target-connects and era-fallback. */
export function targetEnding(trace: Trace) {
  const exited = ofKind(trace, 'target-exited').find((event) => !event.expected);
  const output = ofKind(trace, 'target-output').at(-1);
  return {
    exited,
    output,
    how: exited ? `it ${exited.signal ? `was killed by ${exited.signal}` : `exited with code ${exited.code ?? '?'}`}` : 'it kept running',
    said: output ? `it said: ${quote(output.lines)}` : 'it printed nothing',
  };
}

export const targetConnects = defineCheck({
  id: 'target-connects',
  title: 'The target connects',
  description:
    'A client initializes an MCP session with the mock on the cell\'s transport; a gateway accepts the probe\'s session ' +
    'downstream. A target that cannot is judged here, with what it printed, and the run goes on to the next cell.',
  severity: 'robustness',
  specRefs: ['2025-11-25/basic/lifecycle#initialization'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    // A gateway or a server under test connects when it accepts the harness's probe session(s).
    const server = trace.meta.scenario.mode === 'server';
    const gateway = trace.meta.scenario.mode === 'gateway' || server;
    const connected = gateway ? probeOf(trace, 'probe-connected') : ofKind(trace, 'session-initialized');
    // A gateway's cell transport is its upstream's (the mock's); its downstream is where the probe connects.
    const where = trace.meta.scenario.mode === 'gateway' ? `(upstream on ${trace.meta.transport})` : `on ${trace.meta.transport}`;
    const first = connected[0];
    if (first) {
      const what = server
        ? `the server accepted ${connected.length} session(s)`
        : gateway ? 'the gateway accepted the probe downstream' : `the target initialized ${connected.length} session(s)`;
      return pass(`${what} ${where}`, { evidence: [first.seq], measurements: { sessions: connected.length } });
    }
    const { served, era } = trace.meta;
    if (!gateway && served !== undefined && !serves(served, era)) {
      // The scenario gave the target a server of the other era on purpose: whether it copes is era-fallback's verdict.
      return info(`not judged here: the mock served only the ${served} era to a target told to speak ${era}, on purpose; era-fallback says what the target did`);
    }
    const { exited, output, how: ended, said } = targetEnding(trace);
    const probeError = gateway ? probeOf(trace, 'probe-error').at(-1) : undefined;
    const opened = ofKind(trace, 'session-opened').length;
    const how = [
      ended,
      !gateway && opened ? `${opened} session(s) opened but none completed initialize` : '',
      probeError ? `the probe saw: ${probeError.message}` : '',
      said,
    ].filter(Boolean);
    const probeSession = eraOf(trace.meta.downstreamEra ?? 'legacy').probeSession;
    const what = server
      ? 'the server never accepted the harness\'s MCP session'
      : gateway ? `the gateway never accepted the probe's ${probeSession} downstream` : 'the target never initialized an MCP session';
    return fail(`${what} ${where}: ${how.join('; ')}`, {
      evidence: [exited?.seq, output?.seq, probeError?.seq].filter((seq): seq is number => seq !== undefined),
      measurements: { sessions: opened, exitCode: exited?.code ?? null },
    });
  },
});
