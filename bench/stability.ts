// npm run stability: the whole suite against the reference client, plus every broken fixture on the scenario that
// exposes it, N times in a row (default 5). Verdicts must be identical run after run; prints any that differ.
// Then every fixture gateway plays the staged gateway races (gw-storm, gw-relay-before-update; gw-flag-merge for the
// refreshing classes) 10 times on every transport, and ContextForge (when its interop venv is built) the same three on
// its two transports: its verdicts (and gw-storm's class) must be the same every run. STABILITY_GATEWAYS=a,b picks some.
// Then the reference suite STABILITY_JOBS_RUNS times (default 10) at --jobs 1 and at --jobs auto: every run of either
// must give the verdicts of the first --jobs 1 run.
// Then every fixture server and the two real servers through every server scenario STABILITY_SERVER_RUNS times (default 5).
// STABILITY_SECTIONS=races,verdicts,gateways,jobs,servers picks sections (default: all); STABILITY_RACE_TARGETS=a,b
// picks the race targets (reference, relists-every-notification, sdk-v2-client).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judge } from '../src/judging/judge.js';
import { runPlan } from '../src/runner/plan.js';
import { clientTarget } from '../src/targets/client/client-target.js';
import { type GatewayOptions, gatewayTarget } from '../src/targets/gateway/gateway-target.js';
import { readTrace } from '../src/trace/file.js';
import { selectScenarios } from '../src/scenarios/scenario-registry.js';
import { type Era, type TransportKind } from '../src/model/words.js';
import { autoJobs } from '../src/commands/execute.js';
import { clientVerdicts, fixture } from './client-plans.js';
import { serverVerdicts } from './server-plans.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.STABILITY_RUNS ?? 5);
/** The in-flight race is run this many times per target and transport: its outcome must never depend on scheduling. */
const RACE_RUNS = Number(process.env.STABILITY_RACE_RUNS ?? 20);
/** The gateway races are played this many times per fixture gateway and transport: no verdict may depend on scheduling. */
const GATEWAY_RUNS = Number(process.env.STABILITY_GATEWAY_RUNS ?? 10);
/** ContextForge's cells take about 20 s each: its own count (STABILITY_CONTEXTFORGE_RUNS), 10 by default too. */
const CONTEXTFORGE_RUNS = Number(process.env.STABILITY_CONTEXTFORGE_RUNS ?? 10);
/** STABILITY_GATEWAYS=a,b plays only those gateways of the gateways section. */
const STABILITY_GATEWAYS = process.env.STABILITY_GATEWAYS?.split(',');
/** The reference suite is played this many times at --jobs 1 and at --jobs auto. */
const JOBS_RUNS = Number(process.env.STABILITY_JOBS_RUNS ?? 10);
/** Every server plan is played this many times. */
const SERVER_RUNS = Number(process.env.STABILITY_SERVER_RUNS ?? 5);
const ALL_SECTIONS = ['races', 'verdicts', 'gateways', 'jobs', 'servers'];
const SECTIONS = process.env.STABILITY_SECTIONS?.split(',') ?? ALL_SECTIONS;

/** The race, RACE_RUNS times: the fixture without serialisation must fail every run, the reference client pass every run. */
interface RaceResult {
  target: string;
  transport: TransportKind;
  era: Era;
  runs: number;
  failed: number;
  expected: string;
  ok: boolean;
}

/** Every transport in every era it carries. */
const RACE_PLACES: { transport: TransportKind; era: Era }[] = [
  { transport: 'stdio', era: 'legacy' },
  { transport: 'sse', era: 'legacy' },
  { transport: 'http', era: 'legacy' },
  { transport: 'stdio', era: 'modern' },
  { transport: 'http', era: 'modern' },
];

async function races(): Promise<RaceResult[]> {
  const out: RaceResult[] = [];
  const targets = [
    { name: 'reference', command: `node ${root}dist/examples/reference-client/main.js`, failing: false, places: RACE_PLACES },
    { name: 'relists-every-notification', command: fixture('relists-every-notification'), failing: true, places: RACE_PLACES },
    // The official SDK v2 client applies whichever answer comes last; it reports its view, so the stale answer is held
    // until a report shows the fresh one applied: it must fail every run, however loaded the machine. No legacy SSE in v2.
    {
      name: 'sdk-v2-client', command: `node ${root}dist/examples/sdk-v2-listchanged-client.js`, failing: true,
      places: RACE_PLACES.filter((place) => place.era === 'legacy' && place.transport !== 'sse'),
    },
  ];
  const only = process.env.STABILITY_RACE_TARGETS?.split(',');
  for (const target of targets.filter((each) => !only || only.includes(each.name))) {
    for (const { transport, era } of target.places) {
      const report = await runPlan({
        scenarios: selectScenarios(['in-flight-list']),
        transports: [transport],
        eras: [era],
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
      out.push({ target: target.name, transport, era, runs: RACE_RUNS, failed, expected, ok });
      console.error(`race ${target.name} [${transport}, ${era}]: failed ${failed} of ${RACE_RUNS}${ok ? '' : '  <-- FLIP'}`);
    }
  }
  return out;
}

/** One fixture gateway per behaviour class, with the class gw-storm must show on every run. */
const gatewayFixture = (name: string) => `node ${root}dist/test/fixtures/gateways/${name}.js`;
const httpGateway = (flags: string) => ({
  command: `${gatewayFixture('http-gateway')} --port {port} ${flags}`,
  downstream: 'http://127.0.0.1:{port}/mcp',
});
interface GatewayPlan {
  name: string;
  options: Omit<GatewayOptions, 'startupTimeoutMs'>;
  expected: string;
  /** Default: the two races on every transport. */
  scenarios?: string[];
  transports?: TransportKind[];
  /** The window the gateway is declared to have (--debounce), as its interop run declares it. */
  debounceMs?: number;
  /** Why the gateway cannot be played here (absent: it can). */
  unavailable?: () => string | undefined;
  /** Cells at once (default: --jobs auto); a gateway that starts a Python server and a database per cell gets fewer. */
  jobs?: number;
  /** Plays per transport (default GATEWAY_RUNS). */
  runs?: number;
}
/** The gateway races, staged by holding the gateway's own refresh: each must give one verdict per check, run after run. */
const GATEWAY_SCENARIOS = ['gw-storm', 'gw-relay-before-update'];
/** The debounce race too: another list's change while the gateway's refresh is held. */
const WITH_FLAG_MERGE = [...GATEWAY_SCENARIOS, 'gw-flag-merge'];
const GATEWAY_TRANSPORTS: TransportKind[] = ['stdio', 'sse', 'http'];
/** ContextForge as the interop matrix runs it (interop/contextforge/target.json), from its pinned venv. */
const contextforge = `${root}interop/contextforge/`;
const GATEWAYS: GatewayPlan[] = [
  { name: 'well-behaved', options: { command: gatewayFixture('well-behaved'), downstream: 'stdio' }, expected: 'refreshing', scenarios: WITH_FLAG_MERGE },
  {
    name: 'shared-refresh-window',
    options: { command: gatewayFixture('shared-refresh-window'), downstream: 'stdio' },
    expected: 'refreshing',
    scenarios: WITH_FLAG_MERGE,
  },
  { name: 'snapshot', options: { command: gatewayFixture('snapshot'), downstream: 'stdio' }, expected: 'snapshot' },
  { name: 'relay-first', options: { command: gatewayFixture('relay-first'), downstream: 'stdio' }, expected: 'refreshing' },
  { name: 'renaming', options: { command: gatewayFixture('renaming'), downstream: 'stdio' }, expected: 'refreshing' },
  {
    name: 'relists-every-notification',
    options: { command: gatewayFixture('relists-every-notification'), downstream: 'stdio' },
    expected: 'refreshing',
  },
  { name: 'drops-changes-in-window', options: { command: gatewayFixture('drops-changes-in-window'), downstream: 'stdio' }, expected: 'refreshing' },
  { name: 'lazy', options: httpGateway('--lazy'), expected: 'forwarder' },
  { name: 'lazy-no-probe-call', options: { ...httpGateway('--lazy'), probeCall: false }, expected: 'no-upstream-session' },
  { name: 'authenticated', options: { ...httpGateway('--auth'), headers: ['Authorization: Bearer ${FIXTURE_GATEWAY_TOKEN}'] }, expected: 'forwarder' },
  {
    name: 'contextforge',
    options: {
      command: 'exec sh start.sh {port}',
      downstream: 'http://127.0.0.1:{port}/mcp',
      headers: ['Authorization: Bearer {token}'],
      catalogUrl: 'http://127.0.0.1:{port}/tools',
      setup: 'sh register.sh',
      teardown: 'sh unregister.sh {gateway_id} {token}',
      probeIntervalMs: 0,
      cwd: contextforge,
    },
    expected: 'refreshing',
    scenarios: WITH_FLAG_MERGE,
    transports: ['sse', 'http'],
    debounceMs: 5_000,
    // Never a dozen ContextForge start-ups at once on two cores (its setup and teardown hooks make the harness play its
    // cells one at a time anyway, as the interop matrix does).
    jobs: 2,
    runs: CONTEXTFORGE_RUNS,
    unavailable: () => (existsSync(`${contextforge}.venv/bin/mcpgateway`) ? undefined : 'not built: npm run interop -- --only contextforge'),
  },
];

interface GatewayResult {
  gateway: string;
  /** When this gateway was played (a record may keep gateways played on other days: STABILITY_GATEWAYS). */
  date?: string;
  transport: TransportKind;
  scenario: string;
  runs: number;
  /** Runs played again because a timing check failed (the re-run counts). */
  reruns: number;
  /** gw-storm: the class every run must show. */
  expected?: string;
  classes: Record<string, number>;
  /** check id → status → runs: each check the scenario names must have one status across the runs. */
  verdicts: Record<string, Record<string, number>>;
  ok: boolean;
}

const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

/** One gateway's runs of one scenario on one transport, judged again trace by trace. */
async function gatewayCell(traceDir: string, gateway: GatewayPlan, scenario: string, transport: TransportKind) {
  const runs = gateway.runs ?? GATEWAY_RUNS;
  const classes: Record<string, number> = {};
  const verdicts: Record<string, Record<string, number>> = {};
  // A run whose timing check failed was played again (…runN.rerun.jsonl): the re-run's verdict is the one reported.
  const all = readdirSync(traceDir).filter((file) => file.startsWith(`${scenario}.${transport}.`) && file.endsWith('.jsonl'));
  const files = all.filter((file) => !all.includes(file.replace(/\.jsonl$/, '.rerun.jsonl')));
  for (const file of files) {
    const judged = judge(await readTrace(join(traceDir, file)));
    // The class is what gw-relays-notification reports for the run, as every report shows it.
    tally(classes, String(judged.find((check) => check.id === 'gw-relays-notification')?.measurements.class ?? 'not judged'));
    for (const check of judged) tally((verdicts[check.id] ??= {}), check.status);
  }
  // The gateway's own verdicts (the checks the scenario names) must not change; every-cell checks are reported as they fell.
  const named = selectScenarios([scenario], 'gateway')[0]?.checks.map((check) => check.id) ?? [];
  const oneVerdictEach = files.length === runs && named.every((id) => Object.keys(verdicts[id] ?? {}).length === 1);
  const expected = scenario === 'gw-storm' ? gateway.expected : undefined;
  const ok = oneVerdictEach && (expected === undefined || classes[expected] === files.length);
  const reruns = all.length - files.length;
  const result: GatewayResult = {
    gateway: gateway.name, date: new Date().toISOString(), transport, scenario, runs: files.length, reruns, classes, verdicts, ok,
  };
  return expected ? { ...result, expected } : result;
}

async function gateways(): Promise<GatewayResult[]> {
  process.env.FIXTURE_GATEWAY_TOKEN ??= 'stability-token-6e0c';
  const out: GatewayResult[] = [];
  for (const gateway of GATEWAYS.filter((each) => STABILITY_GATEWAYS?.includes(each.name) ?? true)) {
    const why = gateway.unavailable?.();
    if (why) {
      console.error(`gateway ${gateway.name}: skipped, ${why}`);
      continue;
    }
    const outDir = join(tmpdir(), `mnc-stability-gateway-${gateway.name}`);
    rmSync(outDir, { recursive: true, force: true });
    const scenarios = gateway.scenarios ?? GATEWAY_SCENARIOS;
    const transports = gateway.transports ?? GATEWAY_TRANSPORTS;
    await runPlan({
      scenarios: selectScenarios(scenarios, 'gateway'),
      transports,
      target: gatewayTarget({ ...gateway.options, startupTimeoutMs: 45_000 }),
      outDir,
      repeat: gateway.runs ?? GATEWAY_RUNS,
      strict: false,
      cellTimeoutMs: 120_000,
      ...(gateway.debounceMs === undefined ? {} : { debounceMs: gateway.debounceMs }),
      // Cells of one plan run side by side, as users run them: the staged races must not care.
      jobs: gateway.jobs ?? autoJobs(),
    });
    for (const scenario of scenarios) {
      for (const transport of transports) {
        const result = await gatewayCell(join(outDir, 'traces'), gateway, scenario, transport);
        out.push(result);
        const flip = result.ok ? '' : `  <-- FLIP: ${result.expected ? `expected ${result.expected} every run, ` : ''}one verdict per check: ${JSON.stringify(result.verdicts)}`;
        console.error(`gateway ${gateway.name} [${transport}] ${scenario} ×${result.runs} (${result.reruns} re-runs): ${JSON.stringify(result.classes)}${flip}`);
      }
    }
  }
  return out;
}

const raceResults = SECTIONS.includes('races') ? await races() : [];
const runs: Record<string, string>[] = [];
for (let i = 0; i < (SECTIONS.includes('verdicts') ? RUNS : 0); i++) {
  const started = performance.now();
  runs.push((await clientVerdicts()).statuses);
  console.error(`run ${i + 1}/${RUNS}: ${Object.keys(runs[i] ?? {}).length} verdicts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const played = SECTIONS.includes('gateways') ? await gateways() : [];
/** With STABILITY_GATEWAYS, the record keeps the gateways not played this time as they were last played. */
function keptGateways(file: string): GatewayResult[] {
  if (!STABILITY_GATEWAYS || !existsSync(file)) return [];
  const before = JSON.parse(readFileSync(file, 'utf8')) as { date: string; gateways?: GatewayResult[] };
  const kept = (before.gateways ?? []).filter((result) => !played.some((now) => now.gateway === result.gateway));
  // Results recorded before they carried a date are from the record's own day.
  return kept.map((result) => ({ ...result, date: result.date ?? before.date }));
}
const first = runs[0] ?? {};
const differing = Object.keys(first).filter((key) => runs.some((run) => run[key] !== first[key]));

/** The reference suite at --jobs 1 and --jobs auto, JOBS_RUNS times each, interleaved: every run against the first. */
async function jobsComparison() {
  const jobs = autoJobs();
  const reference = (plan: { name: string }) => plan.name === 'reference';
  const sequential: Record<string, string>[] = [];
  const parallel: Record<string, string>[] = [];
  const walls = { sequential: [] as number[], parallel: [] as number[] };
  for (let i = 0; i < (SECTIONS.includes('jobs') ? JOBS_RUNS : 0); i++) {
    for (const [into, wall, n] of [[sequential, walls.sequential, 1], [parallel, walls.parallel, jobs]] as const) {
      const started = performance.now();
      into.push((await clientVerdicts(n, reference)).statuses);
      wall.push((performance.now() - started) / 1000);
    }
    console.error(`jobs run ${i + 1}/${JOBS_RUNS}: --jobs 1 ${walls.sequential.at(-1)?.toFixed(0)} s, --jobs ${jobs} ${walls.parallel.at(-1)?.toFixed(0)} s`);
  }
  const base = sequential[0] ?? {};
  const all = [...sequential, ...parallel];
  const differing = Object.keys(base).filter((key) => all.some((run) => run[key] !== base[key]));
  return {
    jobs,
    runs: sequential.length,
    verdicts: Object.keys(base).length,
    wallS: { sequential: walls.sequential, parallel: walls.parallel },
    differing: differing.map((key) => ({
      key,
      sequential: sequential.map((run) => run[key] ?? 'missing'),
      parallel: parallel.map((run) => run[key] ?? 'missing'),
    })),
  };
}
const jobsResult = await jobsComparison();

/** Every fixture and real server through every server scenario, SERVER_RUNS times at --jobs auto: every run against the first. */
async function serverStability() {
  const runs: Record<string, string>[] = [];
  const wallS: number[] = [];
  for (let i = 0; i < (SECTIONS.includes('servers') ? SERVER_RUNS : 0); i++) {
    const started = performance.now();
    runs.push(await serverVerdicts(autoJobs()));
    wallS.push((performance.now() - started) / 1000);
    console.error(`server run ${i + 1}/${SERVER_RUNS}: ${Object.keys(runs[i] ?? {}).length} verdicts in ${wallS.at(-1)?.toFixed(0)} s`);
  }
  const base = runs[0] ?? {};
  const differing = Object.keys(base).filter((key) => runs.some((run) => run[key] !== base[key]));
  return { runs: runs.length, verdicts: Object.keys(base).length, wallS, differing: differing.map((key) => ({ key, statuses: runs.map((run) => run[key] ?? 'missing') })) };
}
const serverResult = await serverStability();
// A full run replaces bench/stability.json; a partial one (STABILITY_SECTIONS) writes bench/stability.<sections>.json.
const full = ALL_SECTIONS.every((section) => SECTIONS.includes(section));
const record = `${root}bench/stability${full ? '' : `.${SECTIONS.join('-')}`}.json`;
const gatewayResults = [...keptGateways(record), ...played];
const summary = {
  date: new Date().toISOString(),
  runs: RUNS,
  verdicts: Object.keys(first).length,
  identical:
    differing.length === 0 &&
    raceResults.every((race) => race.ok) &&
    played.every((gateway) => gateway.ok) &&
    jobsResult.differing.length === 0 &&
    serverResult.differing.length === 0,
  races: raceResults,
  jobs: jobsResult,
  servers: serverResult,
  gateways: gatewayResults,
  differing: differing.map((key) => ({ key, statuses: runs.map((run) => run[key] ?? 'missing') })),
  counts: Object.values(first).reduce<Record<string, number>>((acc, status) => {
    acc[status] = (acc[status] ?? 0) + 1;
    return acc;
  }, {}),
};
writeFileSync(record, `${JSON.stringify(summary, null, 2)}\n`);
const jobsLine = jobsResult.runs ? `; --jobs 1 vs --jobs ${jobsResult.jobs}: ${jobsResult.differing.length} of ${jobsResult.verdicts} differed over ${jobsResult.runs} runs each` : '';
console.error(
  summary.identical
    ? `identical verdicts: ${runs.length} fixture run(s) of ${summary.verdicts}${jobsLine}`
    : `DIFFERENT verdicts: ${JSON.stringify({ fixtures: summary.differing, jobs: jobsResult.differing, servers: serverResult.differing }, null, 2)}`,
);
process.exit(summary.identical ? 0 : 1);
