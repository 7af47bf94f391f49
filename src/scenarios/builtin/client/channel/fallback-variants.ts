import type { DiscoverRefusal } from '../../../../model/discover-refusal.js';
import { BASE_TOOLS, START, type ScenarioDraft } from '../../../common.js';

/** One way a 2025-only server refuses a 2026-07-28 client's server/discover: a scenario of its own, judged by fallback-any-error. */
function fallbackOn(how: DiscoverRefusal, refusal: string, transports: ScenarioDraft['transports']): ScenarioDraft {
  return {
    id: `fallback-${how}`,
    title: `Fallback on ${refusal}`,
    description:
      `A 2026-07-28 client meets a 2025-only server that refuses server/discover with ${refusal}, one of the ways 2025 ` +
      'servers answer a request they do not know before initialize. A client that speaks both eras must fall back to initialize ' +
      'on it as on any other refusal.',
    transports,
    exclusions: {
      sse: 'legacy HTTP+SSE has no 2026-07-28 form: there is no other era to serve on it',
      ...(transports?.includes('stdio') ? {} : { stdio: 'stdio has no HTTP status: a refusal there is a JSON-RPC error (fallback-method-not-found, fallback-invalid-params)' }),
    },
    eras: ['modern'],
    eraExclusions: { legacy: 'a 2025 client sends no server/discover to refuse (era-fallback stages a 2025 client meeting a 2026-07-28 server)' },
    serves: 'other',
    refuseDiscover: how,
    catalogue: { tools: BASE_TOOLS },
    steps: [...START],
    // Not target-survives: a client that cannot speak the server's era may rightly give up and exit.
    checks: [{ id: 'fallback-any-error' }],
  };
}

export const FALLBACK_SCENARIOS: readonly ScenarioDraft[] = [
  fallbackOn('method-not-found', '-32601 (Method not found; on HTTP in a 200)', ['stdio', 'http']),
  fallbackOn('invalid-params', '-32602 (Invalid params; on HTTP in a 200)', ['stdio', 'http']),
  fallbackOn('bare-400', 'an HTTP 400 whose body is no JSON-RPC', ['http']),
];
