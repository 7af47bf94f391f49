// The runs that take too long to repeat with every bench (npm run soak, npm run stability) are recorded in JSON files
// by their own scripts; BENCHMARKS.md shows the latest of each, with the command that produced it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { f } from './format.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function recorded(file: string): unknown {
  const path = `${root}bench/${file}`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

interface Soak {
  date: string;
  commit?: string;
  machine: { cores: number; loadGenerator: boolean; loadAvg1m: { p50: number; max: number } };
  runs: number;
  jobs?: number;
  cells: number;
  flips: Record<string, number>;
  flipCount: number;
  flipped?: { key: string; statuses: string[] }[];
  testRuns: number;
  /** Runs in which no test failed (older records lack it). */
  testRunsPassed?: number;
  /** Wall seconds of each `npm test` run; records that have it kept the load generator running through the tests. */
  testSeconds?: number[];
  failedTests: Record<string, number>;
  timings: Record<string, { p50: number; p95: number }>;
}

function testsPassed(soak: Soak): string {
  const failed = Object.entries(soak.failedTests);
  const passed = soak.testRunsPassed ?? (failed.length === 0 ? soak.testRuns : Number.NaN);
  const failing = failed.length ? `; failing: ${failed.map(([name, count]) => `${name} (${count}×)`).join('; ')}` : '';
  return `${passed}/${soak.testRuns}${failing}`;
}

/** A soak of `npm test` alone (SOAK_RUNS=0), the load generator running through every run. */
function testSoakMarkdown(soak: Soak, file: string, heading: string): string {
  const seconds = soak.testSeconds ?? [];
  return `
${heading}

\`SOAK_RUNS=0 npm run soak\` (${soak.date}, commit ${soak.commit ?? '?'}): the whole \`npm test\` ${soak.testRuns} times in a fresh
clone on ${soak.machine.cores} cores with ${soak.machine.loadGenerator ? 'one core kept busy by a load generator through every run' : 'no load generator'}
(${soak.machine.loadAvg1m.max > 0 ? `1-minute load average p50 ${f(soak.machine.loadAvg1m.p50, 2)}, max ${f(soak.machine.loadAvg1m.max, 2)}` : 'load average not sampled in this record'}; \`bench/${file}\`).

| \`npm test\` runs passed (target all) | seconds per run (min / median / max) |
|---|---|
| ${testsPassed(soak)} | ${seconds.length ? `${Math.min(...seconds)} / ${[...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]} / ${Math.max(...seconds)}` : 'not recorded'} |
`;
}

function soakMarkdown(soak: Soak, file: string, heading: string): string {
  const flips = Object.entries(soak.flips).map(([id, count]) => `${id} (${count})`).join(', ') || 'none';
  // The reference client's latencies, as a sample of the p50/p95 kept for every timing measurement in bench/soak.json.
  const latencies = Object.entries(soak.timings).filter(([key]) => key.startsWith('reference ') && key.endsWith(' latencyMs'));
  const rows = latencies.map(([key, { p50, p95 }]) => `| ${key.replace(/^reference /, '').replace(/ latencyMs$/, '')} | ${f(p50, 1)} | ${f(p95, 1)} |`);
  const tests = soak.testRuns > 0
    ? `then the whole \`npm test\` ${soak.testRuns} times in a fresh clone${soak.testSeconds ? ' with the load generator still running' : ' (the load generator stopped before the tests in this record)'}.`
    : 'without the `npm test` runs this time (`SOAK_TEST_RUNS=0`): this record is of the verdicts alone.';
  return `
${heading}

\`npm run soak\` (${soak.date}${soak.commit ? `, commit ${soak.commit}` : ''}): the client plans — the reference client on the whole suite, and every broken fixture on
the scenario that exposes it — ${soak.runs} times${soak.jobs ? ` at \`--jobs ${soak.jobs}\`` : ''} on ${soak.machine.cores} cores with
${soak.machine.loadGenerator ? 'one core kept busy by a load generator' : 'no load generator'} (1-minute load average p50
${f(soak.machine.loadAvg1m.p50, 2)}, max ${f(soak.machine.loadAvg1m.max, 2)}), ${tests}

| verdicts per run | verdict flips (target 0) | flips by check | \`npm test\` runs passed (target all) |
|---|---|---|---|
| ${soak.cells} | ${soak.flipCount} | ${flips} | ${soak.testRuns > 0 ? testsPassed(soak) : 'not run'} |

Re-list latency of the reference client over the ${soak.runs} runs (every timing measurement's p50/p95 is in
\`bench/${file}\`):

| cell and check | p50 ms | p95 ms |
|---|---|---|
${rows.join('\n')}
`;
}

/** One fixture gateway, one staged race, one transport, over every run (bench/stability.ts, gateways section). */
interface GatewayRun {
  gateway: string;
  date?: string;
  ok: boolean;
  transport?: string;
  scenario?: string;
  runs?: number;
  reruns?: number;
  verdicts?: Record<string, Record<string, number>>;
}

interface Stability {
  date: string;
  runs: number;
  verdicts: number;
  identical: boolean;
  races: { target: string; transport: string; era?: string; runs: number; failed: number; expected: string; ok: boolean }[];
  gateways: GatewayRun[];
  jobs?: { jobs: number; runs: number; verdicts: number; wallS: { sequential: number[]; parallel: number[] }; differing: [] };
  servers?: { runs: number; verdicts: number; wallS: number[]; differing: { key: string; statuses: string[] }[] };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** The staged gateway races: per fixture gateway and race, the verdicts each check gave over every run on every transport. */
/** The gateways a partial run (STABILITY_GATEWAYS) played on another day than the record's, named with their dates. */
function dates(played: Stability): string {
  const day = played.date.slice(0, 10);
  const other = new Map<string, string>();
  for (const run of played.gateways) if (run.date && run.date.slice(0, 10) !== day) other.set(run.gateway, run.date.slice(0, 10));
  return [...other].map(([gateway, date]) => `; ${gateway} ${date}`).join('');
}

function gatewayRaces(played: Stability): string {
  const rows = new Map<string, { transports: string[]; runs: number; reruns: number; ok: boolean; outcome: Set<string> }>();
  for (const run of played.gateways) {
    const key = `${run.gateway}, ${run.scenario ?? 'gw-storm'}`;
    const row = rows.get(key) ?? { transports: [], runs: 0, reruns: 0, ok: true, outcome: new Set<string>() };
    row.transports.push(run.transport ?? '?');
    row.runs += run.runs ?? 0;
    row.reruns += run.reruns ?? 0;
    row.ok &&= run.ok;
    for (const [id, statuses] of Object.entries(run.verdicts ?? {})) {
      if (id.startsWith('gw-')) row.outcome.add(`${id} ${Object.keys(statuses).join('/')}`);
    }
    rows.set(key, row);
  }
  const lines = [...rows].map(([key, row]) =>
    `| ${key} | ${row.transports.join(', ')} | ${row.runs} (${row.reruns} re-run) | ${[...row.outcome].join(', ')} | ${row.ok ? '0' : '**flipped**'} |`);
  return `
\`STABILITY_SECTIONS=gateways npm run stability\` (${played.date}${dates(played)}): every fixture gateway, and ContextForge as the interop
matrix runs it, through the staged gateway races (its own refresh held by the mock) ${played.gateways[0]?.runs ?? '?'} times per transport at
\`--jobs auto\`; a check with more than one verdict is a flip.

| gateway, race | transports | runs | verdicts of its gw- checks | flips (target 0) |
|---|---|---|---|---|
${lines.join('\n')}
`;
}

function stabilityMarkdown(
  full: Stability | undefined,
  jobs: Stability | undefined,
  servers: Stability | undefined,
  gateways: Stability | undefined,
): string {
  const parts = ['\n## Stability\n'];
  if (full) {
    const races = full.races.map((race) => `${race.target} [${race.transport}${race.era ? `, ${race.era}` : ''}] ${race.failed}/${race.runs} failed`).join(', ');
    const gateways = full.gateways.filter((gateway) => gateway.ok).length;
    parts.push(`
\`npm run stability\` (${full.date}): the client plans ${full.runs} times, ${full.verdicts} verdicts each:
${full.identical ? 'identical in every run' : '**not identical**'}. The in-flight race: ${races}. Fixture gateways keeping
their class${full.gateways.some((run) => run.scenario) ? ' and verdicts over every run of the gateway races' : ' over every gw-storm run'}: ${gateways}/${full.gateways.length}.
`);
  }
  const comparison = jobs?.jobs;
  if (comparison) {
    const { sequential, parallel } = comparison.wallS;
    parts.push(`
\`STABILITY_SECTIONS=jobs npm run stability\` (${jobs.date}): the reference suite ${comparison.runs} times at \`--jobs 1\` and ${comparison.runs}
times at \`--jobs ${comparison.jobs}\`, interleaved, ${comparison.verdicts} verdicts each; every run compared with the first sequential one.

| runs each | median wall, \`--jobs 1\` | median wall, \`--jobs ${comparison.jobs}\` | verdicts that differed in any run (target 0) |
|---|---|---|---|
| ${comparison.runs} | ${f(median(sequential), 1)} s | ${f(median(parallel), 1)} s | ${comparison.differing.length} |
`);
  }
  const played = servers?.servers ?? full?.servers;
  if (played && played.runs > 0) {
    const flipped = played.differing.map((each) => `${each.key} (${each.statuses.join(', ')})`).join('; ');
    parts.push(`
\`STABILITY_SECTIONS=servers npm run stability\` (${(servers ?? full)?.date ?? '?'}): every fixture server and the two real servers (the
everything server, a fastmcp server) on every transport and era they serve, through every server scenario,
${played.runs} times at \`--jobs auto\`, ${played.verdicts} verdicts each; every run compared with the first.

| runs | median wall | verdicts that differed in any run (target 0) |
|---|---|---|
| ${played.runs} | ${f(median(played.wallS), 1)} s | ${played.differing.length}${flipped ? `: ${flipped}` : ''} |
`);
  }
  if (gateways?.gateways.length) parts.push(gatewayRaces(gateways));
  return parts.length > 1 ? parts.join('') : '';
}

/** The soak and stability sections, from the latest recorded runs (absent files: no section). */
export function recordedMarkdown(): string {
  const soak = recorded('soak.json') as Soak | undefined;
  // A second soak of the verdicts at another --jobs (SOAK_RECORD=soak.jobs), when a setting was tried after the full soak.
  const jobs = recorded('soak.jobs.json') as Soak | undefined;
  const tests = recorded('soak.tests.json') as Soak | undefined;
  return (
    stabilityMarkdown(
      recorded('stability.json') as Stability | undefined,
      recorded('stability.jobs.json') as Stability | undefined,
      recorded('stability.servers.json') as Stability | undefined,
      recorded('stability.gateways.json') as Stability | undefined,
    ) +
    (soak ? soakMarkdown(soak, 'soak.json', '## Soak') : '') +
    (jobs ? soakMarkdown(jobs, 'soak.jobs.json', `### Soak at \`--jobs ${jobs.jobs ?? '?'}\``) : '') +
    (tests ? testSoakMarkdown(tests, 'soak.tests.json', '### Soak of `npm test` on a busy core') : '')
  );
}
