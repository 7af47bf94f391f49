// npm run bench: the mock against a bare SDK Server doing the same work, side by side in one run.
// Both servers run as child processes; the SDK client under test runs here. Rounds alternate
// mock/bare so machine noise hits both alike; each metric is the median over rounds.
// BENCH_ONLY=<section>[,<section>…] runs only those sections (transports, modern, journal, suite, gateway, scale) and prints
// their Markdown on stderr without writing BENCHMARKS.md or bench/results.json: for working on one part.
// Other knobs: BENCH_ROUNDS, BENCH_NOTIFICATIONS, BENCH_LISTS in bench/transports.ts, BENCH_MODERN_* in bench/modern.ts,
// and BENCH_SCALE_* in bench/scale.ts.
// This file picks the sections, runs them and writes the results; the servers are started by bench/servers.ts, each
// section measures in its own module, bench/report.ts shapes bench/results.json and bench/markdown.ts BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gatewayBench } from './gateway.js';
import { journalOverhead } from './journal.js';
import { benchMarkdown } from './markdown.js';
import { modernBench } from './modern.js';
import { type BenchResults, benchReport } from './report.js';
import { scaleBench } from './scale.js';
import { startServer } from './servers.js';
import { suiteBench } from './suite.js';
import { transportsBench } from './transports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECTIONS = ['transports', 'modern', 'journal', 'suite', 'gateway', 'scale'] as const;
type Section = (typeof SECTIONS)[number];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
const unknownSection = only?.find((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknownSection) throw new Error(`BENCH_ONLY: unknown section "${unknownSection}" (sections: ${SECTIONS.join(', ')})`);
const runs = (section: Section) => !only || only.includes(section);

// The sections run in this order (properties are evaluated in order); the page has its own (bench/markdown.ts).
const results: BenchResults = {
  transports: runs('transports') ? await transportsBench() : undefined,
  modern: runs('modern') ? await modernBench() : undefined,
  journal: runs('journal') ? journalOverhead() : undefined,
  scale: runs('scale') ? await scaleBench(startServer) : undefined,
  suite: runs('suite') ? await suiteBench() : undefined,
  gateway: runs('gateway') ? await gatewayBench() : undefined,
};

const report = benchReport(results);
const markdown = benchMarkdown(results, report);
if (only) {
  console.error(`BENCH_ONLY=${only.join(',')}: BENCHMARKS.md and bench/results.json left as they were.`);
} else {
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${root}BENCHMARKS.md`, markdown);
}
console.error(markdown);

/** Nothing may keep the process alive once everything is written; if something does, it is named, not waited on. */
const LINGER_MS = 15_000;
setTimeout(() => {
  console.error(`bench: still running ${LINGER_MS} ms after it finished, held by: ${process.getActiveResourcesInfo().join(', ')}`);
  process.exit(1);
}, LINGER_MS).unref();
