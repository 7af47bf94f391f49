// The BENCHMARKS.md sections rendered from bench/suite.ts's timings: *The suite against the reference client* and
// *How exactly a re-list latency is measured*. Its concurrency section is suite.ts's own (`concurrencyMarkdown`);
// bench/markdown.ts places it between these two.
import { f, mark } from './format.js';
import type { SuiteTiming, TimestampError } from './suite.js';
import { TARGET_SUITE_RATIO, TARGET_TIMESTAMP_MS } from './targets.js';

/** Where the suite's wall time went, per transport, one cell at a time. */
export function suiteMarkdown(suite: SuiteTiming[]): string {
  const suiteRows = suite.map(
    (row) =>
      `| ${row.transport}, ${row.era} | ${row.cells} | ${f(row.wallMs / 1000, 1)} | ${f(row.scenarioWaitMs / 1000, 1)} | ${f(row.targetWaitMs / 1000, 1)} | ` +
      `${f(row.overheadMs / 1000, 2)} | ${f(row.ratioToWaits, 3)}× (${mark(row.ratioToWaits <= TARGET_SUITE_RATIO)}) | ${f(row.ratioToScenarioWaits)}× |`,
  );
  return `
## The suite against the reference client

\`demo\` per transport and era: every scenario that applies, one cell at a time. *Scenario waits* are what the scenarios wait
by design (quiet periods, storm schedules, sleeps, optional waits that run out); *target waits* are the reference
client starting up and reacting; the rest is the harness's own overhead (binding, spawning, teardown, judging, traces).

| transport, era | cells | wall s | scenario waits s | target waits s | overhead s | wall / all waits (target ≤ ${TARGET_SUITE_RATIO}×) | wall / scenario waits |
|---|---|---|---|---|---|---|---|
${suiteRows.join('\n')}
`;
}

/** The harness's measured re-list latency against a raw client's own, per transport. */
export function timestampsMarkdown(timestamps: TimestampError[]): string {
  const stampRows = timestamps.map(
    (row) =>
      `| ${row.transport} | ${row.samples} | ${f(row.errorP50Ms)} / ${f(row.errorP95Ms)} / ${f(row.errorMaxMs)} ` +
      `(${mark(Math.abs(row.errorP95Ms) <= TARGET_TIMESTAMP_MS)}) | ${f(row.vsNominalP50Ms)} / ${f(row.vsNominalP95Ms)} |`,
  );
  return `
## How exactly a re-list latency is measured

A raw wire-level client (\`bench/raw-delay-client.mjs\`, no SDK) re-lists ${timestamps[0]?.delayMs ?? 50} ms after each of 40
notifications and logs when the notification's bytes arrived and when the re-list's bytes left, on the same clock.
*Error* is the harness's measured latency minus the client's own: what the harness and the loopback add (for stdio,
through the relay shim).

| transport | samples | error p50 / p95 / max ms (target within ±${TARGET_TIMESTAMP_MS} ms at p95) | measured − nominal delay p50 / p95 ms |
|---|---|---|---|
${stampRows.join('\n')}
`;
}
