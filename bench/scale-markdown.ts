// The scale sections of BENCHMARKS.md rendered from bench/scale.ts's rows: the full re-list of the large catalogue and
// the fanned-out notification. (*Scale: notification storm* comes from the transports rounds: transports-markdown.ts.)
import { f, mark, mb, thousands } from './format.js';
import type { ScaleResult } from './scale.js';
import { FANOUT_GAP_MS } from './scale-fanout.js';
import { PAGE_SIZE } from './scale-relist.js';
import { TARGET_FANOUT_P99_MS, TARGET_RELIST_RATIO } from './targets.js';

/** Both scale tables, each with how it was measured. */
export function scaleMarkdown(s: ScaleResult): string {
  const first = s.relist[0];
  const relistRows = s.relist.map(
    (row) =>
      `| ${row.transport} | ${row.pages} | ${f(row.mockMs, 1)} | ${f(row.bareMs, 1)} | ${f(row.ratio, 3)}× (${mark(row.ratio <= TARGET_RELIST_RATIO)}) | ${mb(row.mock)} | ${mb(row.bare)} |`,
  );
  const fanoutRows = s.fanout.map(
    (row) =>
      `| ${row.side} | ${row.sessions} | ${row.fanouts} | ${f(row.p50Ms)} | ${f(row.p99Ms)} (${mark(row.p99Ms < TARGET_FANOUT_P99_MS)}) | ${f(row.worstP99Ms)} | ${f(row.maxMs)} | ${f(row.setupMs / 1000, 1)} | ${mb(row.memory)} |`,
  );
  const fan = s.fanout[0];
  return `
## Scale: a ${thousands(first?.tools)}-tool catalogue re-listed in full

The mock (\`serve --catalogue <file> --page-size ${PAGE_SIZE}\`) and the bare server (\`bare-server.mjs\` with
the same file and page size) serve the same ${thousands(first?.tools)} tools. An SDK client in this process re-lists in full:
it follows every \`nextCursor\` (${first?.pages ?? '?'} \`tools/list\` requests) and checks every tool came back. Mock and bare
alternate, ${first?.relists ?? '?'} full re-lists each after 2 warm-ups; times are medians, the ratio is the median of the
back-to-back pairs' ratios. Memory is the server process's VmRSS after the re-lists / its peak (VmHWM), from \`/proc\`.

| transport | pages | mock full re-list ms | bare ms | ratio (target ≤ ${TARGET_RELIST_RATIO}×) | mock RSS / peak MB | bare RSS / peak MB |
|---|---|---|---|---|---|---|
${relistRows.join('\n')}

## Scale: ${thousands(fan?.sessions)} Streamable HTTP sessions, one fanned-out notification

Each server (mock and bare, both up at once) gets ${thousands(fan?.sessions)} raw sessions from this process: plain
\`node:http\` clients, no SDK (POST \`initialize\`, POST \`notifications/initialized\`, then the standalone GET stream
left open), on one keep-alive agent; each server also has the bench's one SDK client session. A fan-out: the clock
starts just before the trigger request (mock: admin API \`POST /storm {"count":1}\`; bare: its control endpoint, which
calls \`sendToolListChanged()\` on every session's \`Server\`), and each session's latency is when the bytes of its
\`tools/list_changed\` were read from its GET stream. It therefore includes the trigger request, the server's
fan-out, the loopback and this process reading ${thousands(fan?.sessions)} sockets, on the same 2 cores. ${fan?.fanouts ?? '?'}
fan-outs per server after one warm-up, mock and bare alternating ${FANOUT_GAP_MS} ms apart; percentiles over every session of
every fan-out. Memory: VmRSS with every session open / peak.

| server | sessions | fan-outs | p50 ms | p99 ms (target < ${TARGET_FANOUT_P99_MS} ms) | worst fan-out's p99 ms | max ms | setup s | RSS / peak MB |
|---|---|---|---|---|---|---|---|---|
${fanoutRows.join('\n')}
`;
}
