// The *Gateway mode* section of BENCHMARKS.md, rendered from bench/gateway.ts's results.
import { f } from './format.js';
import type { GatewayResult } from './report.js';

/** bench/gateway.ts's detection probe (its COUNT and INTERVAL_MS, which it does not export: keep the two in step). */
const COUNT_NOTE = '40 notifications 150 ms apart, each paired with the first downstream one after it';

/** The gateway suite's wall time per upstream transport, and how soon the probe detects a relayed notification. */
export function gatewayMarkdown(g: GatewayResult): string {
  return `
## Gateway mode

The gateway suite (${g.suites[0]?.cells ?? 0} scenarios) against the fixture gateway (\`test/fixtures/gateways\`, stdio downstream), per upstream transport:

| upstream transport | cells | wall s | waits s (scenario + target) | wall / waits |
|---|---|---|---|---|
${g.suites.map((row) => `| ${row.transport} | ${row.cells} | ${f(row.wallMs / 1000, 1)} | ${f(row.waitsMs / 1000, 1)} | ${f(row.ratioToWaits, 3)}× |`).join('\n')}

How long after the mock sends \`tools/list_changed\` the probe has it: straight from the mock, and through gateways
(${COUNT_NOTE}).

| path | samples | p50 ms | p95 ms |
|---|---|---|---|
${g.detections.map((row) => `| ${row.path} | ${row.samples} | ${f(row.p50Ms)} | ${f(row.p95Ms)} |`).join('\n')}
`;
}
