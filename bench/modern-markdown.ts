// The BENCHMARKS.md section rendered from the modern rounds: *Modern era (2026-07-28): mock vs bare SDK v2 server*.
import { f, mark } from './format.js';
import {
  MODERN_LISTS,
  MODERN_NOTIFICATIONS,
  MODERN_TRANSPORTS,
  MODERN_VERSION,
  MODERN_WARMUP,
  type ModernResults,
} from './modern.js';
import { TARGET_LATENCY, TARGET_RATE } from './targets.js';
import { ROUNDS } from './transports.js';

/** Mock vs bare SDK v2 per transport, with each row's verdicts against the same targets as the legacy rows. */
export function modernMarkdown(r: ModernResults): string {
  const rows = MODERN_TRANSPORTS.map((kind) => {
    const row = r[kind];
    if (!row) return '';
    return `| ${kind} | ${f(row.mock.rate, 0)} | ${f(row.bare.rate, 0)} | ${f(row.ratio.rate)}× (${mark(row.meets.rate)}) | ${f(row.mock.p50, 3)} / ${f(row.mock.p99, 3)} | ${f(row.bare.p50, 3)} / ${f(row.bare.p99, 3)} | ${f(row.ratio.p50)}× (${mark(row.meets.p50)}) | ${f(row.ratio.p99)}× |`;
  }).filter(Boolean);
  return `
## Modern era (${MODERN_VERSION}): mock vs bare SDK v2 server

The mock serving the modern era (\`serve --era modern\`) against a bare SDK v2 \`McpServer\` with the same two tools
(\`bench/bare-server-v2.mjs\`: \`serveStdio\` on stdio, \`createMcpHandler\` + \`toNodeHandler\` on Streamable HTTP), each
measured by an SDK v2 client pinned to ${MODERN_VERSION}, over ${ROUNDS} rounds with both servers up at once. Rate:
${MODERN_NOTIFICATIONS} \`notifications/tools/list_changed\` sent in one burst on the client's \`subscriptions/listen\`
stream, from trigger to the last one received. Round trip: ${MODERN_LISTS} sequential raw \`tools/list\` requests per
server (not through the client's list cache) after ${MODERN_WARMUP} warm-up calls, alternating mock and bare. Ratios
are medians of the per-round ratios, as above; the p99 ratio is shown but only p50 is judged. Each side answers HTTP
requests its own default way (the mock with an event stream, the SDK v2 handler with JSON).

| transport | mock notif/s | bare notif/s | rate ratio (target ≥ ${TARGET_RATE}×) | mock tools/list p50 / p99 ms | bare p50 / p99 ms | p50 ratio (target ≤ ${TARGET_LATENCY}×) | p99 ratio |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
