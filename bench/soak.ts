// npm run soak: the client plans (reference client on the whole suite, every fixture client where it goes red) SOAK_RUNS
// times (default 20) with the other core kept busy by a load generator, then the whole `npm test` SOAK_TEST_RUNS times
// (default 10) in a fresh clone. The plans run at --jobs auto, as users run them (SOAK_JOBS=1: one cell at a time).
// Reports verdict flips per check, p50/p95 of every timing measurement, and every test that failed in any run; writes
// bench/soak.json (SOAK_RECORD=soak.jobs: bench/soak.jobs.json; SOAK_RUNS=0, the tests alone: bench/soak.tests.json).
// The load generator runs through both phases: `npm test` is soaked on a busy machine too. The bar is zero flips and
// zero failed tests.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { autoJobs } from '../src/commands/execute.js';
import { clientVerdicts } from './client-plans.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.SOAK_RUNS ?? 20);
const TEST_RUNS = Number(process.env.SOAK_TEST_RUNS ?? 10);
const LOAD = process.env.SOAK_LOAD !== '0';
/** The plans run as users run them: --jobs auto (SOAK_JOBS overrides). */
const JOBS = Number(process.env.SOAK_JOBS ?? autoJobs());

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

// One busy loop keeps one of the two cores loaded, as a shared CI runner would be.
const load = LOAD ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : undefined;
const stopLoad = () => load?.kill();
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const loads: number[] = [];
const sampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 5_000);
/** Read now: the repository may move on while the soak runs, and the clone below is taken from this commit. */
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();

const statuses: Record<string, string[]> = {};
const timings: Record<string, number[]> = {};
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const run = await clientVerdicts(JOBS);
  for (const [key, status] of Object.entries(run.statuses)) (statuses[key] ??= []).push(status);
  for (const [key, value] of Object.entries(run.timings)) (timings[key] ??= []).push(value);
  console.error(`soak run ${i + 1}/${RUNS}: ${Object.keys(run.statuses).length} verdicts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** Flips per check id: how many cells' verdicts for it were not the same in every run. */
const flips: Record<string, number> = {};
for (const [key, seen] of Object.entries(statuses)) {
  if (new Set(seen).size > 1) flips[key.split(' ').at(-1) ?? key] = (flips[key.split(' ').at(-1) ?? key] ?? 0) + 1;
}
const spread = (values: number[]) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95) });
const measured = Object.fromEntries(Object.entries(timings).map(([key, values]) => [key, spread(values)]));

/** `npm test` in a fresh clone, TEST_RUNS times: a test that fails once in ten is a flaky test. */
const failedTests: Record<string, number> = {};
let testRuns = 0;
let testRunsPassed = 0;
/** Wall seconds of each `npm test` run, busy core included. */
const testSeconds: number[] = [];
if (TEST_RUNS > 0) {
  const clone = mkdtempSync(join(tmpdir(), 'mnc-soak-clone-'));
  execFileSync('git', ['clone', '-q', root, clone]);
  execFileSync('git', ['checkout', '-q', commit], { cwd: clone });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, stdio: 'ignore' });
  for (let i = 0; i < TEST_RUNS; i++) {
    const out = join(clone, `vitest-${i}.json`);
    const started = performance.now();
    spawnSync('npm', ['test', '--', '--reporter=json', `--outputFile=${out}`], { cwd: clone, stdio: 'ignore' });
    testRuns += 1;
    testSeconds.push(Math.round((performance.now() - started) / 1000));
    // The sampler cannot run while spawnSync holds the event loop: take the 1-minute load average as each run ends.
    loads.push(loadavg()[0] ?? 0);
    try {
      const result = JSON.parse(readFileSync(out, 'utf8')) as { testResults: { assertionResults: { fullName: string; status: string }[] }[] };
      let failures = 0;
      for (const file of result.testResults) {
        for (const test of file.assertionResults) {
          if (test.status !== 'failed') continue;
          failures += 1;
          failedTests[test.fullName] = (failedTests[test.fullName] ?? 0) + 1;
        }
      }
      if (failures === 0) testRunsPassed += 1;
    } catch {
      failedTests['(the run wrote no report)'] = (failedTests['(the run wrote no report)'] ?? 0) + 1;
    }
    console.error(`npm test ${i + 1}/${TEST_RUNS} in ${testSeconds.at(-1)} s: ${Object.keys(failedTests).length} distinct failing test(s) so far`);
  }
  rmSync(clone, { recursive: true, force: true });
}
clearInterval(sampler);
stopLoad();

const summary = {
  date: new Date().toISOString(),
  /** The commit the plans and tests ran on. */
  commit,
  machine: { cores: cpus().length, loadGenerator: LOAD, loadAvg1m: { p50: quantile(loads, 0.5), max: Math.max(0, ...loads) } },
  runs: RUNS,
  jobs: JOBS,
  cells: Object.keys(statuses).length,
  flips,
  flipCount: Object.values(flips).reduce((a, b) => a + b, 0),
  /** Every verdict that was not the same in every run, with its statuses run by run: what to look at first. */
  flipped: Object.entries(statuses).filter(([, seen]) => new Set(seen).size > 1).map(([key, seen]) => ({ key, statuses: seen })),
  testRuns,
  testRunsPassed,
  testSeconds,
  failedTests,
  timings: measured,
};
// SOAK_RECORD names the record (default soak): e.g. soak.jobs for a second soak at another --jobs.
writeFileSync(`${root}bench/${process.env.SOAK_RECORD ?? (RUNS === 0 ? 'soak.tests' : 'soak')}.json`, `${JSON.stringify(summary, null, 2)}\n`);
const ok = summary.flipCount === 0 && Object.keys(failedTests).length === 0;
console.error(ok ? `soak: 0 flips over ${RUNS} runs, npm test ${testRuns}/${testRuns}` : `soak: ${summary.flipCount} flip(s), failed tests: ${JSON.stringify(failedTests)}`);
process.exitCode = ok ? 0 : 1;
