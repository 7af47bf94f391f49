// The BENCHMARKS.md sections rendered from the transports rounds: *Mock vs bare SDK server* (rates, round trips and
// what the stdio relay hop costs) and *Scale: notification storm* (the same bursts, judged for size and peak memory).
import { DEFAULT_JOURNAL_CAP } from '../src/commands/serve.js';
import { f, mark, thousands } from './format.js';
import type { TimestampError } from './suite.js';
import { BOUND_STORM_PEAK_MB, STORM_SIZE, TARGET_LATENCY, TARGET_RATE } from './targets.js';
import { NOTIFICATIONS, ROUNDS, type TransportResults, VARIANTS } from './transports.js';

/** Mock vs bare per transport; `timestamps` (from the suite section, if it ran) says what the relay hop does to them. */
export function transportsMarkdown(r: TransportResults, timestamps: TimestampError[] | undefined): string {
  const rows = VARIANTS.map((kind) => {
    const row = r[kind];
    if (!row) return '';
    return `| ${kind} | ${f(row.mock.rate, 0)} | ${f(row.bare.rate, 0)} | ${f(row.ratio.rate)}× (${mark(row.ratio.rate >= TARGET_RATE)}) | ${f(row.mock.p50, 3)} / ${f(row.mock.p99, 3)} | ${f(row.bare.p50, 3)} / ${f(row.bare.p99, 3)} | ${f(row.ratio.p50)}× / ${f(row.ratio.p99)}× (${mark(row.ratio.p50 <= TARGET_LATENCY && row.ratio.p99 <= TARGET_LATENCY)}) |`;
  });
  const relay = r['stdio-relay'];
  const direct = r.stdio;
  const hopUs = relay && direct ? f((relay.mock.p50 - direct.mock.p50) * 1000, 0) : '?';
  const stdioError = timestamps?.find((row) => row.transport === 'stdio');
  const errorNote = stdioError
    ? ` The stdio row of *How exactly a re-list latency is measured* below is taken through this relay: its error
(${f(stdioError.errorP50Ms)} ms at p50, ${f(stdioError.errorP95Ms)} ms at p95) includes both hops.`
    : '';
  return `
## Mock vs bare SDK server

| transport | mock notif/s | bare notif/s | rate ratio (target ≥ ${TARGET_RATE}×) | mock tools/list p50 / p99 ms | bare p50 / p99 ms | latency ratio (target ≤ ${TARGET_LATENCY}×) |
|---|---|---|---|---|---|---|
${rows.join('\n')}

\`stdio-relay\` is the path the runner uses for stdio targets: the target spawns a small shim that relays its
stdin/stdout to the harness over a loopback socket, so every session shares the harness's catalogue, journal and
clock. It is compared with the same bare stdio server, so its ratio includes one extra process hop each way
(${relay ? f((relay.mock.p50 - relay.bare.p50) * 1000, 0) : '?'} µs added to a round trip at p50); see the README for why that is accepted.
What the hop costs a measured re-list latency: the harness stamps a notification when it leaves the harness and the
re-list when it arrives back, so the hop out (with the notification) and the hop back (with the re-list) are both
counted in the latency the harness reports. That error is the relay's round trip minus the direct stdio one, both
against the mock: **${hopUs} µs at p50** in this run.${errorNote} Why the relay row cannot meet 1.2×: the direct
mock is already ${direct ? f(direct.ratio.p50) : '?'}× the bare server on stdio, and a bare round trip is only
${direct ? f(direct.bare.p50 * 1000, 0) : '?'} µs, so one more process boundary each way (two pipe-to-socket copies and two
wake-ups) adds more than the 20% there is room for. Taking the relay out would mean a mock inside each target-spawned
process, with replicated catalogue, journal and clock (see the README); the error above is what it costs instead.
`;
}

/** The bursts of the transports rounds as the notification storm: do they cover it, and within what memory. */
export function stormMarkdown(r: TransportResults): string {
  const covers = NOTIFICATIONS >= STORM_SIZE;
  const rows = VARIANTS.map((kind) => {
    const row = r[kind];
    if (!row) return '';
    return `| ${kind} | ${NOTIFICATIONS} | ${f(row.mock.rate, 0)} | ${f(row.bare.rate, 0)} | ${f(row.ratio.rate)}× (${mark(row.ratio.rate >= TARGET_RATE)}) | ${f(row.worstPeakMb.mock, 0)} (${mark(row.worstPeakMb.mock < BOUND_STORM_PEAK_MB)}) | ${f(row.worstPeakMb.bare, 0)} |`;
  });
  return `
## Scale: notification storm

The bursts of *Mock vs bare SDK server*: ${thousands(NOTIFICATIONS)} \`tools/list_changed\` in one burst per server per round,
which ${covers ? `covers the ${thousands(STORM_SIZE)}-notification storm` : `**does not cover** the ${thousands(STORM_SIZE)}-notification storm (BENCH_NOTIFICATIONS is lower)`}.
Peak memory is the server process's VmHWM (its peak resident set, from \`/proc\`) read right after both bursts of a
round: what the burst cost the process, the mock's journal (\`serve\` keeps at most ${thousands(DEFAULT_JOURNAL_CAP)} events in memory) and the
frames queued for a slower client included; the worst of ${ROUNDS} rounds. For \`stdio-relay\` it is the host process
holding the mock.

| transport | notifications per burst | mock notif/s | bare notif/s | rate ratio (target ≥ ${TARGET_RATE}×) | mock peak MB (bound < ${BOUND_STORM_PEAK_MB} MB) | bare peak MB |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
