// BENCHMARKS.md: a header saying when, where and how, then the section of each part that ran, in the page's order.
import { gatewayMarkdown } from './gateway-markdown.js';
import { journalMarkdown } from './journal-markdown.js';
import { modernMarkdown } from './modern-markdown.js';
import type { BenchReport, BenchResults } from './report.js';
import { recordedMarkdown } from './recorded-markdown.js';
import { scaleMarkdown } from './scale-markdown.js';
import { concurrencyMarkdown } from './suite.js';
import { suiteMarkdown, timestampsMarkdown } from './suite-markdown.js';
import { stormMarkdown, transportsMarkdown } from './transports-markdown.js';

function header(report: BenchReport): string {
  const { rounds, notifications, lists, warmup } = report.settings;
  return `# Benchmarks

Written by \`npm run bench\` (${report.date}, Node ${report.machine.node}, ${report.machine.cpus} × ${report.machine.model}).
The mock (\`mcp-notify-check serve\`) and a bare SDK low-level \`Server\` on the SDK's own transports do the same
work in child processes, both running at once, measured by SDK clients in this process over ${rounds} rounds. Absolute
figures are medians over the rounds; each **ratio is the median of the per-round ratios** (mock and bare measured back
to back), which cancels the machine's drift between rounds. Rate: ${notifications} \`tools/list_changed\` sent in one
burst, from trigger to the last one received (mock and bare one after the other, order alternating by round). Round
trip: ${lists} sequential \`tools/list\` per server after ${warmup} warm-up calls, alternating mock and bare request by
request so that machine noise falls on both alike.
`;
}

/** The whole page; a section whose part did not run is left out. */
export function benchMarkdown(results: BenchResults, report: BenchReport): string {
  const { transports, modern, journal, suite, gateway, scale } = results;
  return [
    header(report),
    transports ? transportsMarkdown(transports, suite?.timestamps) : '',
    modern ? modernMarkdown(modern) : '',
    journal ? journalMarkdown(journal) : '',
    suite ? suiteMarkdown(suite.suite) : '',
    // The concurrency section refers to the suite's runs above and the re-list latency section below it; it comes
    // without the blank line the other sections open with.
    suite ? `\n${concurrencyMarkdown(suite.concurrency)}` : '',
    suite ? timestampsMarkdown(suite.timestamps) : '',
    gateway ? gatewayMarkdown(gateway) : '',
    scale ? scaleMarkdown(scale) : '',
    transports ? stormMarkdown(transports) : '',
    recordedMarkdown(),
  ].join('');
}
