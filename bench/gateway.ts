// The gateway half of `npm run bench`: the gateway suite's wall time against the fixture gateway per upstream
// transport, and how quickly the probe detects a relayed notification — through real gateways and the fixture,
// side by side with the same probe connected straight to the mock.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MockServer } from '../src/mock-server/mock-server.js';
import { bindTransport } from '../src/mock-server/transports/bind.js';
import { runCell } from '../src/runner/cell.js';
import { runPlan } from '../src/runner/plan.js';
import { timeBudget } from './time-budget.js';
import { SCENARIOS } from '../src/scenarios/scenario-registry.js';
import { parseScenario } from '../src/scenarios/load.js';
import { type GatewayOptions, gatewayTarget } from '../src/targets/gateway/gateway-target.js';
import { Probe } from '../src/targets/probe/probe.js';
import { type TraceEvent } from '../src/trace/events.js';
import { Journal } from '../src/trace/journal.js';
import { type TransportKind } from '../src/model/words.js';
import { readTrace } from '../src/trace/file.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${root}node_modules/.bin/`;
const FIXTURE = `node ${root}dist/test/fixtures/gateways/well-behaved.js`;
const COUNT = 40;
const INTERVAL_MS = 150;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Pairs each delivered upstream notification with the next downstream one the probe received. */
function detection(events: readonly TraceEvent[]): number[] {
  const upstream = events.filter((e) => e.kind === 'notification' && e.delivered);
  const downstream = events.filter((e) => e.kind === 'probe-notification');
  return upstream.flatMap((note) => {
    const seen = downstream.find((event) => event.t >= note.t);
    return seen ? [seen.t - note.t] : [];
  });
}

export interface Detection {
  path: string;
  samples: number;
  p50Ms: number;
  p95Ms: number;
}

/** The probe connected straight to the mock: the floor any gateway adds to. */
async function direct(transport: TransportKind): Promise<Detection> {
  const journal = new Journal();
  const mock = new MockServer({ catalogue: { tools: [{ name: 'a' }] }, journal });
  const binding = await bindTransport(transport, mock);
  const child = binding.command ? spawn(binding.command[0] ?? '', binding.command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] }) : undefined;
  const probe = new Probe(journal, 'none', child ? { kind: 'stdio', child } : { kind: transport === 'sse' ? 'sse' : 'http', url: binding.url ?? '' });
  await probe.connect();
  await journal.waitOrThrow((e) => e.kind === 'session-initialized', { timeoutMs: 5_000 });
  if (transport === 'http') await journal.waitOrThrow((e) => e.kind === 'stream-opened' && e.role === 'standalone', { timeoutMs: 5_000 });
  await mock.storm({ count: COUNT, intervalMs: INTERVAL_MS, mutate: false });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await probe.disconnect('done');
  child?.kill();
  await binding.close();
  await mock.close();
  const samples = detection(journal.snapshot());
  return { path: `direct (${transport})`, samples: samples.length, p50Ms: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95) };
}

const probeScenario = parseScenario({
  id: 'bench-gateway-detection',
  title: 'relay detection',
  mode: 'gateway',
  catalogue: { tools: [{ name: 'a' }] },
  steps: [{ op: 'ready' }, { op: 'settle', quietMs: 300 }, { op: 'storm', count: COUNT, intervalMs: INTERVAL_MS, mutate: false }, { op: 'settle', quietMs: 300 }],
  checks: [{ id: 'target-survives' }],
}, 'bench scenario');

async function throughGateway(path: string, transport: TransportKind, gateway: GatewayOptions): Promise<Detection> {
  const run = await runCell({ scenario: probeScenario, transport, target: gatewayTarget(gateway), timeoutMs: 60_000 });
  if (run.error) throw run.error;
  const samples = detection(run.trace.events);
  return { path, samples: samples.length, p50Ms: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95) };
}

export interface GatewaySuite {
  transport: TransportKind;
  cells: number;
  wallMs: number;
  waitsMs: number;
  ratioToWaits: number;
}

async function suite(transport: TransportKind): Promise<GatewaySuite> {
  const outDir = join(tmpdir(), `mnc-bench-gw-${transport}`);
  const started = performance.now();
  const report = await runPlan({
    scenarios: [...SCENARIOS.values()].filter((scenario) => scenario.mode === 'gateway'),
    transports: [transport],
    target: gatewayTarget({ command: FIXTURE, downstream: 'stdio', startupTimeoutMs: 20_000 }),
    outDir,
    repeat: 1,
    strict: false,
    cellTimeoutMs: 60_000,
  });
  const wallMs = performance.now() - started;
  let waitsMs = 0;
  for (const cell of report.cells) {
    const budget = timeBudget(await readTrace(cell.trace), cell.durationMs);
    waitsMs += budget.scenarioWaitMs + budget.targetWaitMs;
  }
  if (report.summary.fail > 0) throw new Error(`the fixture gateway failed ${report.summary.fail} checks on ${transport}`);
  rmSync(outDir, { recursive: true, force: true });
  return { transport, cells: report.cells.length, wallMs, waitsMs, ratioToWaits: wallMs / waitsMs };
}

export async function gatewayBench(): Promise<{ suites: GatewaySuite[]; detections: Detection[] }> {
  const suites: GatewaySuite[] = [];
  for (const transport of ['stdio', 'sse', 'http'] as const) suites.push(await suite(transport));
  const detections: Detection[] = [];
  for (const transport of ['stdio', 'sse', 'http'] as const) detections.push(await direct(transport));
  detections.push(
    await throughGateway('mcp-proxy (stdio → Streamable HTTP)', 'stdio', {
      command: `${BIN}mcp-proxy --port {port} --server stream -- {server}`,
      downstream: 'http://127.0.0.1:{port}/mcp',
      startupTimeoutMs: 20_000,
    }),
    await throughGateway('supergateway (stdio → SSE)', 'stdio', {
      command: `${BIN}supergateway --stdio {server-quoted} --port {port}`,
      downstream: 'http://127.0.0.1:{port}/sse',
      startupTimeoutMs: 20_000,
    }),
    await throughGateway('fixture gateway (http → stdio, refreshing, 50 ms debounce)', 'http', { command: FIXTURE, downstream: 'stdio', startupTimeoutMs: 20_000 }),
  );
  for (const d of detections) console.error(`detection ${d.path}: p50 ${d.p50Ms.toFixed(2)} p95 ${d.p95Ms.toFixed(2)} ms (${d.samples})`);
  return { suites, detections };
}
