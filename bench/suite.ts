// The suite half of `npm run bench`: how long the whole suite takes against the reference client per transport,
// against the waiting its scenarios do by design; and how exactly the harness measures a re-list latency.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCell } from '../src/runner/cell.js';
import { runPlan } from '../src/runner/plan.js';
import { timeBudget } from './time-budget.js';
import { SCENARIOS } from '../src/scenarios/registry.js';
import { parseScenario } from '../src/scenarios/load.js';
import { clientTarget } from '../src/targets/client-target.js';
import { deliveredNotifications, relists } from '../src/trace/queries.js';
import { type TransportKind } from '../src/model/words.js';
import { readTrace } from '../src/trace/file.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE = `node ${root}dist/examples/reference-client/main.js`;
const TRANSPORTS: TransportKind[] = ['stdio', 'sse', 'http'];

export interface SuiteTiming {
  transport: TransportKind;
  cells: number;
  wallMs: number;
  scenarioWaitMs: number;
  targetWaitMs: number;
  overheadMs: number;
  /** wall / (scenario waits + target waits): the harness's own cost on top of waiting. */
  ratioToWaits: number;
  /** wall / scenario waits alone. */
  ratioToScenarioWaits: number;
}

/** Runs every scenario against the reference client on one transport and splits where the time went. */
export async function suiteTiming(transport: TransportKind): Promise<SuiteTiming> {
  const outDir = join(tmpdir(), `mnc-bench-${transport}`);
  const started = performance.now();
  const report = await runPlan({
    scenarios: [...SCENARIOS.values()].filter((scenario) => scenario.mode === 'client'),
    transports: [transport],
    target: clientTarget({ command: REFERENCE }),
    outDir,
    repeat: 1,
    strict: false,
    cellTimeoutMs: 60_000,
  });
  const wallMs = performance.now() - started;
  let scenarioWaitMs = 0;
  let targetWaitMs = 0;
  for (const cell of report.cells) {
    const budget = timeBudget(await readTrace(cell.trace), cell.durationMs);
    scenarioWaitMs += budget.scenarioWaitMs;
    targetWaitMs += budget.targetWaitMs;
  }
  if (report.summary.fail > 0) throw new Error(`the reference client failed ${report.summary.fail} checks on ${transport}`);
  rmSync(outDir, { recursive: true, force: true });
  return {
    transport,
    cells: report.cells.length,
    wallMs,
    scenarioWaitMs,
    targetWaitMs,
    overheadMs: wallMs - scenarioWaitMs - targetWaitMs,
    ratioToWaits: wallMs / (scenarioWaitMs + targetWaitMs),
    ratioToScenarioWaits: wallMs / scenarioWaitMs,
  };
}

export interface TimestampError {
  transport: TransportKind;
  samples: number;
  delayMs: number;
  /** Harness-measured latency minus the client's own (receipt → send): what the harness adds. */
  errorP50Ms: number;
  errorP95Ms: number;
  errorMaxMs: number;
  /** Harness-measured latency minus the nominal delay (includes the client's timer lateness). */
  vsNominalP50Ms: number;
  vsNominalP95Ms: number;
}

const DELAY_MS = 50;
const probe = parseScenario({
  id: 'bench-fixed-delay',
  title: 'fixed-delay probe',
  catalogue: { tools: [{ name: 'a' }] },
  steps: [
    { op: 'ready' },
    { op: 'settle', quietMs: 300 },
    { op: 'storm', count: 40, intervalMs: 150, mutate: false },
    { op: 'settle', quietMs: 300 },
  ],
  checks: [{ id: 'target-survives' }],
}, 'bench scenario');

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Measures re-list latency against a client that re-lists a known delay after each notification. */
export async function timestampError(transport: TransportKind): Promise<TimestampError> {
  const log = join(tmpdir(), `mnc-bench-delay-${transport}.jsonl`);
  rmSync(log, { force: true });
  const run = await runCell({
    scenario: probe,
    transport,
    target: clientTarget({ command: `node ${root}bench/raw-delay-client.mjs`, env: { ...process.env, BENCH_LOG: log, DELAY_MS: String(DELAY_MS) } }),
    timeoutMs: 60_000,
  });
  if (run.error) throw run.error;
  const notes = deliveredNotifications(run.trace, 'tools');
  const lists = relists(run.trace, 'tools');
  const client = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { received: number; sent: number });
  const errors: number[] = [];
  const vsNominal: number[] = [];
  notes.forEach((note, i) => {
    const relist = lists.find((request) => request.event.t >= note.t);
    const own = client[i];
    if (!relist || !own) return;
    const measured = relist.event.t - note.t;
    errors.push(measured - (own.sent - own.received));
    vsNominal.push(measured - DELAY_MS);
  });
  rmSync(log, { force: true });
  return {
    transport,
    samples: errors.length,
    delayMs: DELAY_MS,
    errorP50Ms: quantile(errors, 0.5),
    errorP95Ms: quantile(errors, 0.95),
    errorMaxMs: Math.max(...errors),
    vsNominalP50Ms: quantile(vsNominal, 0.5),
    vsNominalP95Ms: quantile(vsNominal, 0.95),
  };
}

export async function suiteBench(): Promise<{ suite: SuiteTiming[]; timestamps: TimestampError[] }> {
  const suite: SuiteTiming[] = [];
  const timestamps: TimestampError[] = [];
  for (const transport of TRANSPORTS) {
    timestamps.push(await timestampError(transport));
    suite.push(await suiteTiming(transport));
    console.error(`suite ${transport}: ${(suite.at(-1)?.wallMs ?? 0).toFixed(0)} ms; timestamp error p95 ${(timestamps.at(-1)?.errorP95Ms ?? 0).toFixed(2)} ms`);
  }
  return { suite, timestamps };
}
