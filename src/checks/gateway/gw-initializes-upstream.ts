import { z } from 'zod';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, notTestable, pass } from '../support/check.js';

const methodOf = (message: unknown) => (message as { method?: unknown } | undefined)?.method;
const isRequest = (message: unknown) => methodOf(message) !== undefined && (message as { id?: unknown }).id !== undefined;

export const gwInitializesUpstream = defineCheck({
  id: 'gw-initializes-upstream',
  title: 'Initializes every upstream session it uses',
  description:
    'Every upstream session the gateway sends requests on starts with initialize, including the ones it opens again ' +
    'after the upstream pool was torn down: initialization must be the first interaction between client and server.',
  severity: 'MUST',
  specRefs: ['2025-11-25/basic/lifecycle#initialization'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const first = new Map<string, { method: string; seq: number }>();
    for (const event of ofKind(trace, 'frame-received')) {
      const session = event.session;
      if (session === undefined || first.has(session) || !isRequest(event.message)) continue;
      first.set(session, { method: String(methodOf(event.message)), seq: event.seq });
    }
    if (first.size === 0) return notTestable('the gateway sent no request upstream');
    const skipped = [...first].filter(([, request]) => request.method !== 'initialize');
    const measurements = { sessions: first.size, uninitialized: skipped.length };
    if (skipped.length) {
      const [session, request] = skipped[0] ?? ['', { method: '', seq: 0 }];
      return fail(
        `${skipped.length} of ${first.size} upstream session(s) were used without initialize: session ${session.slice(0, 8)} began ` +
        `with ${request.method} (the lifecycle requires initialize first)`,
        { evidence: skipped.map(([, r]) => r.seq), measurements },
      );
    }
    return pass(`each of ${first.size} upstream session(s) began with initialize`, { measurements });
  },
});
