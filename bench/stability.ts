// npm run stability: the whole suite against the reference client, plus every broken fixture on the scenario that
// exposes it, N times in a row (default 5). Verdicts must be identical run after run; prints any that differ.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlan } from '../src/runner/plan.js';
import { clientTarget } from '../src/targets/client-target.js';
import { SCENARIOS, selectScenarios } from '../src/scenarios/registry.js';
import { type TransportKind } from '../src/model/words.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.STABILITY_RUNS ?? 5);
/** The in-flight race is run this many times per target and transport: its outcome must never depend on scheduling. */
const RACE_RUNS = Number(process.env.STABILITY_RACE_RUNS ?? 20);
const fixture = (name: string) => `node ${root}dist/test/fixtures/targets/${name}.js`;

/** Targets and the cells they run: the reference client everywhere, each fixture where it is meant to go red. */
const PLANS: { name: string; target: string; scenarios: string[]; transports: TransportKind[]; debounceMs?: number }[] = [
  { name: 'reference', target: `node ${root}dist/examples/reference-client/main.js`, scenarios: [...SCENARIOS.values()].filter((s) => s.mode === 'client').map((s) => s.id), transports: ['stdio', 'sse', 'http'] },
  { name: 'never-relists', target: fixture('never-relists'), scenarios: ['refresh-on-add'], transports: ['stdio'] },
  { name: 'relists-every-notification', target: fixture('relists-every-notification'), scenarios: ['storm-burst'], transports: ['sse'] },
  { name: 'trailing-debounce-starves', target: fixture('trailing-debounce-starves'), scenarios: ['storm-sustained'], transports: ['http'] },
  { name: 'first-page-only', target: fixture('first-page-only'), scenarios: ['paginated-refresh'], transports: ['http'] },
  { name: 'last-response-wins', target: fixture('last-response-wins'), scenarios: ['in-flight-list'], transports: ['stdio'] },
  { name: 'relists-everything', target: fixture('relists-everything'), scenarios: ['multi-list'], transports: ['sse'] },
  { name: 'ignores-404', target: fixture('ignores-404'), scenarios: ['session-terminated'], transports: ['http'] },
  { name: 'no-resume', target: fixture('no-resume'), scenarios: ['stream-dropped'], transports: ['http'] },
  { name: 'crashes-under-storm', target: fixture('crashes-under-storm'), scenarios: ['storm-burst'], transports: ['stdio'] },
  { name: 'slow-debounce', target: fixture('slow-debounce'), scenarios: ['debounce-probe'], transports: ['stdio'], debounceMs: 50 },
];

async function verdicts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const plan of PLANS) {
    const report = await runPlan({
      scenarios: selectScenarios(plan.scenarios),
      transports: plan.transports,
      target: clientTarget({ command: plan.target }),
      outDir: join(tmpdir(), `mnc-stability-${plan.name}`),
      repeat: 1,
      strict: false,
      cellTimeoutMs: 60_000,
      ...(plan.debounceMs === undefined ? {} : { debounceMs: plan.debounceMs }),
    });
    for (const cell of report.cells) {
      for (const check of cell.checks) out[`${plan.name} ${cell.scenario} [${cell.transport}] ${check.id}`] = check.status;
      if (cell.error) out[`${plan.name} ${cell.scenario} [${cell.transport}] harness`] = `error ${cell.error.code}`;
    }
  }
  return out;
}

/** The race, RACE_RUNS times: the fixture without serialisation must fail every run, the reference client pass every run. */
interface RaceResult {
  target: string;
  transport: TransportKind;
  runs: number;
  failed: number;
  expected: string;
  ok: boolean;
}

async function races(): Promise<RaceResult[]> {
  const out: RaceResult[] = [];
  const targets = [
    { name: 'reference', command: `node ${root}dist/examples/reference-client/main.js`, failing: false },
    { name: 'last-response-wins', command: fixture('last-response-wins'), failing: true },
  ];
  for (const target of targets) {
    for (const transport of ['stdio', 'sse', 'http'] as const) {
      const report = await runPlan({
        scenarios: selectScenarios(['in-flight-list']),
        transports: [transport],
        target: clientTarget({ command: target.command }),
        outDir: join(tmpdir(), `mnc-stability-race-${target.name}`),
        repeat: RACE_RUNS,
        strict: false,
        cellTimeoutMs: 60_000,
      });
      const check = report.cells[0]?.checks.find((c) => c.id === 'no-stale-final');
      const failed = check?.status === 'fail' ? Number(/failed (\d+) of/.exec(check.message)?.[1] ?? RACE_RUNS) : 0;
      const ok = target.failing ? failed === RACE_RUNS : failed === 0 && check?.status === 'pass';
      const expected = target.failing ? 'fail every run' : 'pass every run';
      out.push({ target: target.name, transport, runs: RACE_RUNS, failed, expected, ok });
      console.error(`race ${target.name} [${transport}]: failed ${failed} of ${RACE_RUNS}${ok ? '' : '  <-- FLIP'}`);
    }
  }
  return out;
}

const raceResults = await races();
const runs: Record<string, string>[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  runs.push(await verdicts());
  console.error(`run ${i + 1}/${RUNS}: ${Object.keys(runs[i] ?? {}).length} verdicts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const first = runs[0] ?? {};
const differing = Object.keys(first).filter((key) => runs.some((run) => run[key] !== first[key]));
const summary = {
  date: new Date().toISOString(),
  runs: RUNS,
  verdicts: Object.keys(first).length,
  identical: differing.length === 0 && raceResults.every((race) => race.ok),
  races: raceResults,
  differing: differing.map((key) => ({ key, statuses: runs.map((run) => run[key] ?? 'missing') })),
  counts: Object.values(first).reduce<Record<string, number>>((acc, status) => {
    acc[status] = (acc[status] ?? 0) + 1;
    return acc;
  }, {}),
};
writeFileSync(`${root}bench/stability.json`, `${JSON.stringify(summary, null, 2)}\n`);
console.error(summary.identical ? `identical verdicts in all ${RUNS} runs (${summary.verdicts} each)` : `DIFFERENT verdicts: ${JSON.stringify(summary.differing, null, 2)}`);
process.exit(summary.identical ? 0 : 1);
