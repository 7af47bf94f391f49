import { z } from 'zod';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, pass } from '../support/check.js';

export const targetCleanup = defineCheck({
  id: 'target-cleanup',
  title: 'The target leaves nothing running',
  description:
    'When the harness ends the target\'s process group, nothing the target started is still running: a process that ' +
    'escaped the group (a daemon started with setsid, a double fork) is found by a mark in its environment, named here ' +
    'with its command line, and ended by the harness.',
  severity: 'robustness',
  specRefs: [],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const left = ofKind(trace, 'target-leftover');
    if (left.length === 0) return pass('nothing the target started outlived it', { measurements: { leftovers: 0 } });
    const listed = left.slice(0, 3).map((event) => `${event.pid} (${event.command})`).join(', ');
    return fail(`${left.length} process(es) escaped the target's process group and were still running: ${listed}; the harness ended them`, {
      evidence: left.map((event) => event.seq),
      measurements: { leftovers: left.length },
    });
  },
});
