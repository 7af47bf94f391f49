// npm run bench: the mock against a bare SDK Server doing the same work, side by side in one run.
// Both servers run as child processes; the SDK client under test runs here. Rounds alternate
// mock/bare so machine noise hits both alike; each metric is the median over rounds.
// BENCH_ONLY=<section>[,<section>…] runs only those sections (transports, journal, suite, gateway, scale) and prints
// their Markdown on stderr without writing BENCHMARKS.md or bench/results.json: for working on one part.
// Other knobs: BENCH_ROUNDS, BENCH_NOTIFICATIONS, BENCH_LISTS, and BENCH_SCALE_* in bench/scale.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { DEFAULT_JOURNAL_CAP } from '../src/commands/serve.js';
import { Journal } from '../src/trace/journal.js';
import { VERSION } from '../src/version.js';
import { gatewayBench } from './gateway.js';
import { type BenchServer, FANOUT_GAP_MS, memoryOf, PAGE_SIZE, type ScaleResult, scaleBench, type Side } from './scale.js';
import { suiteBench } from './suite.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${root}dist/src/cli.js`;
const BARE = `${root}bench/bare-server.mjs`;
const RELAY = `${root}bench/relay-host.mjs`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 20_000);
const LISTS = Number(process.env.BENCH_LISTS ?? 2000);
const WARMUP = 200;
const SECTIONS = ['transports', 'journal', 'suite', 'gateway', 'scale'] as const;
type Section = (typeof SECTIONS)[number];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
const unknownSection = only?.find((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknownSection) throw new Error(`BENCH_ONLY: unknown section "${unknownSection}" (sections: ${SECTIONS.join(', ')})`);
const runs = (section: Section) => !only || only.includes(section);

/** `stdio-relay` is what the runner uses: the target spawns a shim relaying to the harness process. */
type Variant = 'stdio' | 'stdio-relay' | 'sse' | 'http';
interface Running extends BenchServer {
  received: () => number;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const newline = text.indexOf('\n');
    if (newline !== -1) return JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
  }
  throw new Error(`no banner: ${text}`);
}

async function connect(transport: Transport): Promise<{ client: Client; received: () => number }> {
  const client = new Client({ name: 'bench', version: '1' });
  let count = 0;
  client.fallbackNotificationHandler = async () => {
    count += 1;
  };
  await client.connect(transport);
  return { client, received: () => count };
}

/**
 * The SDK's HTTP client transports pass one long-lived AbortSignal to every fetch, and undici removes the abort listener
 * it adds per request only when that Request is garbage-collected: thousands of sequential requests piled up to 1,600
 * listeners on the one signal (MaxListenersExceededWarning past undici's limit of 1,500). Here each request gets its
 * own signal, linked to the transport's until the answer's headers arrive; a GET (the standalone or SSE stream, one
 * at a time) stays linked, so closing the client still ends it.
 */
const fetchWithOwnSignal: FetchLike = async (url, init) => {
  const outer = init?.signal;
  if (!outer) return fetch(url, init);
  const own = new AbortController();
  const abort = () => own.abort(outer.reason);
  if (outer.aborted) abort();
  else outer.addEventListener('abort', abort, { once: true });
  const unlink = () => outer.removeEventListener('abort', abort);
  try {
    const response = await fetch(url, { ...init, signal: own.signal });
    if ((init.method ?? 'GET') !== 'GET') unlink();
    return response;
  } catch (error) {
    unlink();
    throw error;
  }
};

function httpTransport(kind: 'sse' | 'http', url: string): Transport {
  return kind === 'sse'
    ? // eslint-disable-next-line @typescript-eslint/no-deprecated -- legacy SSE is measured on purpose
      new SSEClientTransport(new URL(url), { fetch: fetchWithOwnSignal })
    : new StreamableHTTPClientTransport(new URL(url), { fetch: fetchWithOwnSignal });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function post(url: string, body?: unknown, token?: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** A running server steered by `trigger`, with its client; `child` (if any) is stopped after the client. */
function running(
  connected: { client: Client; received: () => number },
  server: Pick<Running, 'trigger' | 'pid' | 'mcp'>,
  child?: ChildProcess,
): Running {
  return {
    ...connected,
    ...server,
    stop: async () => {
      try {
        await connected.client.close();
      } finally {
        if (child) await stopChild(child);
      }
    },
  };
}

/** The mock's storm, through its admin API. */
const stormVia = (banner: { admin: string; token: string }) => (count: number) =>
  post(`${banner.admin}/storm`, { count, intervalMs: 0 }, banner.token);

/**
 * Spawns a child printing a JSON banner line on stderr; the child is killed if the banner never comes. Its stdin is a
 * pipe held by this process, so the bench's own servers (bare-server.mjs, relay-host.mjs) end when the bench does,
 * however it ends.
 */
async function spawnWithBanner(args: string[]): Promise<{ child: ChildProcess; banner: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  try {
    return { child, banner: await firstLine(child.stderr as NodeJS.ReadableStream) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Connects `transport`, stopping `child` if the connection fails. */
async function connectOrStop(transport: Transport, child: ChildProcess): Promise<Awaited<ReturnType<typeof connect>>> {
  try {
    return await connect(transport);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

interface StdioStarted {
  connected: Awaited<ReturnType<typeof connect>>;
  banner: Record<string, unknown>;
  pid: () => number | undefined;
}

/** A stdio server that the SDK transport spawns (and ends on close), connected; its banner comes on its stderr. */
async function startStdio(args: string[]): Promise<StdioStarted> {
  const transport = new StdioClientTransport({ command: process.execPath, args, stderr: 'pipe' });
  const bannerLine = firstLine(transport.stderr as unknown as NodeJS.ReadableStream);
  bannerLine.catch(() => undefined); // Awaited below once connected; a failed connect is the error to report.
  const connected = await connect(transport);
  try {
    return { connected, banner: await bannerLine, pid: () => transport.pid ?? undefined };
  } catch (error) {
    await connected.client.close();
    throw error;
  }
}

/** The mock; `args` are extra `serve` options (the relay host takes none). */
async function startMock(kind: Variant, args: string[] = []): Promise<Running> {
  if (kind === 'stdio') {
    const { connected, banner, pid } = await startStdio([CLI, 'serve', '--transport', 'stdio', ...args]);
    return running(connected, { trigger: stormVia(banner as { admin: string; token: string }), pid });
  }
  if (kind === 'stdio-relay') {
    const { child: host, banner: line } = await spawnWithBanner([RELAY]);
    const banner = line as { command: string[]; admin: string; token: string };
    const [command = '', ...shimArgs] = banner.command;
    const connected = await connectOrStop(new StdioClientTransport({ command, args: shimArgs, stderr: 'ignore' }), host);
    // The host process holds the mock's state; the shim only relays bytes.
    return running(connected, { trigger: stormVia(banner), pid: () => host.pid }, host);
  }
  const { child, banner: line } = await spawnWithBanner([CLI, 'serve', '--transport', kind, ...args]);
  const banner = line as { mcp: string; admin: string; token: string };
  const connected = await connectOrStop(httpTransport(kind, banner.mcp), child);
  return running(connected, { trigger: stormVia(banner), pid: () => child.pid, mcp: banner.mcp }, child);
}

/** The bare SDK server; `args` are bare-server.mjs options (`--catalogue`, `--page-size`). */
async function startBare(kind: Variant, args: string[] = []): Promise<Running> {
  const stormVia = (banner: { control: string }) => (count: number) => post(`${banner.control}/?count=${count}`);
  if (kind === 'stdio' || kind === 'stdio-relay') {
    const { connected, banner, pid } = await startStdio([BARE, 'stdio', ...args]);
    return running(connected, { trigger: stormVia(banner as { control: string }), pid });
  }
  const { child, banner: line } = await spawnWithBanner([BARE, kind, ...args]);
  const banner = line as { mcp: string; control: string };
  const connected = await connectOrStop(httpTransport(kind, banner.mcp), child);
  return running(connected, { trigger: stormVia(banner), pid: () => child.pid, mcp: banner.mcp }, child);
}

const startServer = (side: Side, kind: Variant, args: string[]) => (side === 'mock' ? startMock(kind, args) : startBare(kind, args));

function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = performance.now() + timeoutMs;
    const tick = () => {
      if (predicate()) return resolve(true);
      if (performance.now() > deadline) return resolve(false);
      setImmediate(tick);
    };
    tick();
  });
}

/** Notifications per second from trigger to the last one received, after a priming notification. */
async function measureRate(running: Running): Promise<number> {
  // Prime: Streamable HTTP opens its GET stream asynchronously; retry one notification until it lands.
  for (let attempt = 0; running.received() === 0; attempt++) {
    if (attempt > 100) throw new Error('no notification reached the client');
    await running.trigger(1);
    await waitUntil(() => running.received() > 0, 50);
  }
  const base = running.received();
  const start = performance.now();
  await running.trigger(NOTIFICATIONS);
  if (!(await waitUntil(() => running.received() - base >= NOTIFICATIONS, 60_000))) {
    throw new Error(`only ${running.received() - base} of ${NOTIFICATIONS} notifications arrived`);
  }
  return (NOTIFICATIONS / (performance.now() - start)) * 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** tools/list round trips, alternating mock and bare request by request so machine noise hits both alike. */
async function measureLatencies(mock: Running, bare: Running): Promise<{ mock: Latency; bare: Latency }> {
  for (let i = 0; i < WARMUP; i++) {
    await mock.client.listTools();
    await bare.client.listTools();
  }
  const samples = { mock: [] as number[], bare: [] as number[] };
  const time = async (running: Running, into: number[]) => {
    const start = performance.now();
    await running.client.listTools();
    into.push(performance.now() - start);
  };
  for (let i = 0; i < LISTS; i++) {
    // Alternate who goes first, so neither always follows the other's wake-up.
    if (i % 2 === 0) {
      await time(mock, samples.mock);
      await time(bare, samples.bare);
    } else {
      await time(bare, samples.bare);
      await time(mock, samples.mock);
    }
  }
  const summary = (values: number[]): Latency => {
    const sorted = values.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  return { mock: summary(samples.mock), bare: summary(samples.bare) };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

interface Latency {
  p50: number;
  p99: number;
}
interface Sample extends Latency {
  rate: number;
  /** The server process's peak resident memory (VmHWM) after its burst. */
  peakMb: number;
}

/** One round: both servers up at once; rates measured one after the other (order alternating by round), then latencies interleaved. */
async function round(kind: Variant, index: number): Promise<{ mock: Sample; bare: Sample }> {
  const mock = await startMock(kind);
  let bare: Running | undefined;
  try {
    bare = await startBare(kind);
    const first = index % 2 === 0 ? mock : bare;
    const second = first === mock ? bare : mock;
    const rates = new Map([
      [first, await measureRate(first)],
      [second, await measureRate(second)],
    ]);
    const peakMb = { mock: memoryOf(mock.pid()).hwmMb, bare: memoryOf(bare.pid()).hwmMb };
    const latency = await measureLatencies(mock, bare);
    return {
      mock: { rate: rates.get(mock) ?? Number.NaN, peakMb: peakMb.mock, ...latency.mock },
      bare: { rate: rates.get(bare) ?? Number.NaN, peakMb: peakMb.bare, ...latency.bare },
    };
  } finally {
    await bare?.stop();
    await mock.stop();
  }
}

function journalOverhead(): Record<string, number> {
  const message = { jsonrpc: '2.0', method: 'notifications/tools/list_changed' };
  const n = 200_000;
  const time = (fn: () => void) => {
    fn();
    const start = performance.now();
    fn();
    return ((performance.now() - start) * 1e6) / n;
  };
  const append = (validateOnAppend: boolean) => () => {
    const journal = new Journal({ validateOnAppend });
    for (let i = 0; i < n; i++)
      journal.append({ kind: 'frame-sent', session: 's', stream: 'get-1', message });
  };
  const validateLater = () => {
    const journal = new Journal();
    for (let i = 0; i < n; i++)
      journal.append({ kind: 'frame-sent', session: 's', stream: 'get-1', message });
    journal.snapshot();
  };
  const baseline = time(() => {
    const events: unknown[] = [];
    for (let i = 0; i < n; i++)
      events.push({
        kind: 'frame-sent',
        session: 's',
        stream: 'get-1',
        message,
        seq: i,
        t: performance.now(),
      });
  });
  return {
    appendNsPerEvent: time(append(false)),
    appendAndValidateLaterNsPerEvent: time(validateLater),
    validateOnAppendNsPerEvent: time(append(true)),
    plainArrayNsPerEvent: baseline,
  };
}

const variants: Variant[] = ['stdio', 'stdio-relay', 'sse', 'http'];
interface TransportResult {
  mock: Sample;
  bare: Sample;
  ratio: { rate: number; p50: number; p99: number };
  /** The highest VmHWM over the rounds (each round starts fresh processes). */
  worstPeakMb: { mock: number; bare: number };
}

async function transportsBench(): Promise<Partial<Record<Variant, TransportResult>>> {
  const results: Partial<Record<Variant, TransportResult>> = {};
  for (const kind of variants) {
    const mock: Sample[] = [];
    const bare: Sample[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      const result = await round(kind, index);
      mock.push(result.mock);
      bare.push(result.bare);
    }
    const summary = (samples: Sample[]): Sample => ({
      rate: median(samples.map((s) => s.rate)),
      p50: median(samples.map((s) => s.p50)),
      p99: median(samples.map((s) => s.p99)),
      peakMb: median(samples.map((s) => s.peakMb)),
    });
    const m = summary(mock);
    const b = summary(bare);
    // Ratios are taken within each round (mock and bare measured back to back) and then the median over rounds:
    // this cancels the machine's drift between rounds, which on a shared 2-core VM is larger than the effect measured.
    const perRound = (pick: (s: Sample) => number) => median(mock.map((s, i) => pick(s) / pick(bare[i] ?? s)));
    results[kind] = {
      mock: m,
      bare: b,
      ratio: { rate: perRound((s) => s.rate), p50: perRound((s) => s.p50), p99: perRound((s) => s.p99) },
      worstPeakMb: { mock: Math.max(...mock.map((s) => s.peakMb)), bare: Math.max(...bare.map((s) => s.peakMb)) },
    };
    console.error(
      `${kind}: mock ${m.rate.toFixed(0)}/s p50 ${m.p50.toFixed(3)} ms · bare ${b.rate.toFixed(0)}/s p50 ${b.p50.toFixed(3)} ms`,
    );
  }
  return results;
}

const results = runs('transports') ? await transportsBench() : undefined;
const journal = runs('journal') ? journalOverhead() : undefined;
const scale = runs('scale') ? await scaleBench(startServer) : undefined;
const suiteResult = runs('suite') ? await suiteBench() : undefined;
const gateway = runs('gateway') ? await gatewayBench() : undefined;

const TARGET_SUITE_RATIO = 1.3;
const COUNT_NOTE = '40 notifications 150 ms apart, each paired with the first downstream one after it';
const TARGET_TIMESTAMP_MS = 2;
const TARGET_RATE = 0.8;
const TARGET_LATENCY = 1.2;
const TARGET_RELIST_RATIO = 1.2;
const TARGET_FANOUT_P99_MS = 100;
const STORM_SIZE = 10_000;
/** The storm's memory bound: the journal in memory is capped (serve's journal cap) and frames are not retained. */
const BOUND_STORM_PEAK_MB = 300;
const report = {
  tool: { name: 'mcp-notify-check', version: VERSION },
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
  settings: { rounds: ROUNDS, notifications: NOTIFICATIONS, lists: LISTS, warmup: WARMUP },
  targets: {
    notificationRateRatioAtLeast: TARGET_RATE,
    listLatencyRatioAtMost: TARGET_LATENCY,
    fullRelistRatioAtMost: TARGET_RELIST_RATIO,
    fanoutP99MsBelow: TARGET_FANOUT_P99_MS,
    stormPeakMbBelow: BOUND_STORM_PEAK_MB,
  },
  transports: results,
  journal,
  suite: suiteResult?.suite,
  timestamps: suiteResult?.timestamps,
  gateway,
  scale,
};

const f = (value: number, digits = 2) => value.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'meets' : '**misses**');
const mb = (memory: { rssMb: number; hwmMb: number }) => `${f(memory.rssMb, 0)} / ${f(memory.hwmMb, 0)}`;

function header(): string {
  return `# Benchmarks

Written by \`npm run bench\` (${report.date}, Node ${report.machine.node}, ${report.machine.cpus} × ${report.machine.model}).
The mock (\`mcp-notify-check serve\`) and a bare SDK low-level \`Server\` on the SDK's own transports do the same
work in child processes, both running at once, measured by SDK clients in this process over ${ROUNDS} rounds. Absolute
figures are medians over the rounds; each **ratio is the median of the per-round ratios** (mock and bare measured back
to back), which cancels the machine's drift between rounds. Rate: ${NOTIFICATIONS} \`tools/list_changed\` sent in one
burst, from trigger to the last one received (mock and bare one after the other, order alternating by round). Round
trip: ${LISTS} sequential \`tools/list\` per server after ${WARMUP} warm-up calls, alternating mock and bare request by
request so that machine noise falls on both alike.
`;
}

function transportsMarkdown(r: Partial<Record<Variant, TransportResult>>, stamps: typeof suiteResult): string {
  const rows = variants.map((kind) => {
    const row = r[kind];
    if (!row) return '';
    return `| ${kind} | ${f(row.mock.rate, 0)} | ${f(row.bare.rate, 0)} | ${f(row.ratio.rate)}× (${mark(row.ratio.rate >= TARGET_RATE)}) | ${f(row.mock.p50, 3)} / ${f(row.mock.p99, 3)} | ${f(row.bare.p50, 3)} / ${f(row.bare.p99, 3)} | ${f(row.ratio.p50)}× / ${f(row.ratio.p99)}× (${mark(row.ratio.p50 <= TARGET_LATENCY && row.ratio.p99 <= TARGET_LATENCY)}) |`;
  });
  const relay = r['stdio-relay'];
  const direct = r.stdio;
  const hopUs = relay && direct ? f((relay.mock.p50 - direct.mock.p50) * 1000, 0) : '?';
  const stdioError = stamps?.timestamps.find((row) => row.transport === 'stdio');
  const errorNote = stdioError
    ? ` The stdio row of *How exactly a re-list latency is measured* below is taken through this relay: its error
(${f(stdioError.errorP50Ms)} ms at p50, ${f(stdioError.errorP95Ms)} ms at p95) includes both hops.`
    : '';
  return `
## Mock vs bare SDK server

| transport | mock notif/s | bare notif/s | rate ratio (target ≥ ${TARGET_RATE}×) | mock tools/list p50 / p99 ms | bare p50 / p99 ms | latency ratio (target ≤ ${TARGET_LATENCY}×) |
|---|---|---|---|---|---|---|
${rows.join('\n')}

\`stdio-relay\` is the path the runner uses for stdio targets: the target spawns a small shim that relays its
stdin/stdout to the harness over a loopback socket, so every session shares the harness's catalogue, journal and
clock. It is compared with the same bare stdio server, so its ratio includes one extra process hop each way
(${relay ? f((relay.mock.p50 - relay.bare.p50) * 1000, 0) : '?'} µs added to a round trip at p50); see the README for why that is accepted.
What the hop costs a measured re-list latency: the harness stamps a notification when it leaves the harness and the
re-list when it arrives back, so the hop out (with the notification) and the hop back (with the re-list) are both
counted in the latency the harness reports. That error is the relay's round trip minus the direct stdio one, both
against the mock: **${hopUs} µs at p50** in this run.${errorNote}
`;
}

function journalMarkdown(j: Record<string, number>): string {
  return `
## Journal overhead

| what | ns per event |
|---|---|
| \`Journal.append\` on the hot path (the default: typed, not yet validated) | ${f(j.appendNsPerEvent ?? 0, 0)} |
| append + schema validation later, at \`snapshot()\`/JSONL (total, off the hot path) | ${f(j.appendAndValidateLaterNsPerEvent ?? 0, 0)} |
| append validating each event as it comes (\`validateOnAppend\`) | ${f(j.validateOnAppendNsPerEvent ?? 0, 0)} |
| a plain array push of the same object (floor) | ${f(j.plainArrayNsPerEvent ?? 0, 0)} |

A delivered notification costs two journal events (\`frame-sent\`, \`notification\`), i.e. about
${f((2 * (j.appendNsPerEvent ?? 0)) / 1000, 2)} µs of journaling on the hot path.
`;
}

function suiteMarkdown({ suite, timestamps }: NonNullable<typeof suiteResult>): string {
  const suiteRows = suite.map(
    (row) =>
      `| ${row.transport} | ${row.cells} | ${f(row.wallMs / 1000, 1)} | ${f(row.scenarioWaitMs / 1000, 1)} | ${f(row.targetWaitMs / 1000, 1)} | ` +
      `${f(row.overheadMs / 1000, 2)} | ${f(row.ratioToWaits, 3)}× (${mark(row.ratioToWaits <= TARGET_SUITE_RATIO)}) | ${f(row.ratioToScenarioWaits)}× |`,
  );
  const stampRows = timestamps.map(
    (row) =>
      `| ${row.transport} | ${row.samples} | ${f(row.errorP50Ms)} / ${f(row.errorP95Ms)} / ${f(row.errorMaxMs)} ` +
      `(${mark(Math.abs(row.errorP95Ms) <= TARGET_TIMESTAMP_MS)}) | ${f(row.vsNominalP50Ms)} / ${f(row.vsNominalP95Ms)} |`,
  );
  return `
## The suite against the reference client

\`demo\` per transport: every scenario that applies, one cell at a time. *Scenario waits* are what the scenarios wait
by design (quiet periods, storm schedules, sleeps, optional waits that run out); *target waits* are the reference
client starting up and reacting; the rest is the harness's own overhead (binding, spawning, teardown, judging, traces).

| transport | cells | wall s | scenario waits s | target waits s | overhead s | wall / all waits (target ≤ ${TARGET_SUITE_RATIO}×) | wall / scenario waits |
|---|---|---|---|---|---|---|---|
${suiteRows.join('\n')}

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

function gatewayMarkdown(g: NonNullable<typeof gateway>): string {
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

const thousands = (value: number | undefined) => value?.toLocaleString('en') ?? '?';

function scaleMarkdown(s: ScaleResult): string {
  const first = s.relist[0];
  const relistRows = s.relist.map(
    (row) =>
      `| ${row.transport} | ${row.pages} | ${f(row.mockMs, 1)} | ${f(row.bareMs, 1)} | ${f(row.ratio, 3)}× (${mark(row.ratio <= TARGET_RELIST_RATIO)}) | ${mb(row.mock)} | ${mb(row.bare)} |`,
  );
  const fanoutRows = s.fanout.map(
    (row) =>
      `| ${row.side} | ${row.sessions} | ${row.fanouts} | ${f(row.p50Ms)} | ${f(row.p99Ms)} (${mark(row.p99Ms < TARGET_FANOUT_P99_MS)}) | ${f(row.worstP99Ms)} | ${f(row.maxMs)} | ${f(row.setupMs / 1000, 1)} | ${mb(row.memory)} |`,
  );
  const fan = s.fanout[0];
  return `
## Scale: a ${thousands(first?.tools)}-tool catalogue re-listed in full

The mock (\`serve --catalogue <file> --page-size ${PAGE_SIZE}\`) and the bare server (\`bare-server.mjs\` with
the same file and page size) serve the same ${thousands(first?.tools)} tools. An SDK client in this process re-lists in full:
it follows every \`nextCursor\` (${first?.pages ?? '?'} \`tools/list\` requests) and checks every tool came back. Mock and bare
alternate, ${first?.relists ?? '?'} full re-lists each after 2 warm-ups; times are medians, the ratio is the median of the
back-to-back pairs' ratios. Memory is the server process's VmRSS after the re-lists / its peak (VmHWM), from \`/proc\`.

| transport | pages | mock full re-list ms | bare ms | ratio (target ≤ ${TARGET_RELIST_RATIO}×) | mock RSS / peak MB | bare RSS / peak MB |
|---|---|---|---|---|---|---|
${relistRows.join('\n')}

## Scale: ${thousands(fan?.sessions)} Streamable HTTP sessions, one fanned-out notification

Each server (mock and bare, both up at once) gets ${thousands(fan?.sessions)} raw sessions from this process: plain
\`node:http\` clients, no SDK (POST \`initialize\`, POST \`notifications/initialized\`, then the standalone GET stream
left open), on one keep-alive agent; each server also has the bench's one SDK client session. A fan-out: the clock
starts just before the trigger request (mock: admin API \`POST /storm {"count":1}\`; bare: its control endpoint, which
calls \`sendToolListChanged()\` on every session's \`Server\`), and each session's latency is when the bytes of its
\`tools/list_changed\` were read from its GET stream. It therefore includes the trigger request, the server's
fan-out, the loopback and this process reading ${thousands(fan?.sessions)} sockets, on the same 2 cores. ${fan?.fanouts ?? '?'}
fan-outs per server after one warm-up, mock and bare alternating ${FANOUT_GAP_MS} ms apart; percentiles over every session of
every fan-out. Memory: VmRSS with every session open / peak.

| server | sessions | fan-outs | p50 ms | p99 ms (target < ${TARGET_FANOUT_P99_MS} ms) | worst fan-out's p99 ms | max ms | setup s | RSS / peak MB |
|---|---|---|---|---|---|---|---|---|
${fanoutRows.join('\n')}
`;
}

function stormMarkdown(r: Partial<Record<Variant, TransportResult>>): string {
  const covers = NOTIFICATIONS >= STORM_SIZE;
  const rows = variants.map((kind) => {
    const row = r[kind];
    if (!row) return '';
    return `| ${kind} | ${NOTIFICATIONS} | ${f(row.mock.rate, 0)} | ${f(row.bare.rate, 0)} | ${f(row.ratio.rate)}× (${mark(row.ratio.rate >= TARGET_RATE)}) | ${f(row.worstPeakMb.mock, 0)} (${mark(row.worstPeakMb.mock < BOUND_STORM_PEAK_MB)}) | ${f(row.worstPeakMb.bare, 0)} |`;
  });
  return `
## Scale: notification storm

The bursts of *Mock vs bare SDK server*: ${thousands(NOTIFICATIONS)} \`tools/list_changed\` in one burst per server per round,
which ${covers ? `covers the ${thousands(STORM_SIZE)}-notification storm` : `**does not cover** the ${thousands(STORM_SIZE)}-notification storm (BENCH_NOTIFICATIONS is lower)`}.
Peak memory is the server process's VmHWM (its peak resident set, from \`/proc\`) read right after both bursts of a
round: what the burst cost the process, the mock's journal (\`serve\` keeps at most ${thousands(DEFAULT_JOURNAL_CAP)} events in memory) and the
frames queued for a slower client included; the worst of ${ROUNDS} rounds. For \`stdio-relay\` it is the host process
holding the mock.

| transport | notifications per burst | mock notif/s | bare notif/s | rate ratio (target ≥ ${TARGET_RATE}×) | mock peak MB (bound < ${BOUND_STORM_PEAK_MB} MB) | bare peak MB |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

const markdown = [
  header(),
  results ? transportsMarkdown(results, suiteResult) : '',
  journal ? journalMarkdown(journal) : '',
  suiteResult ? suiteMarkdown(suiteResult) : '',
  gateway ? gatewayMarkdown(gateway) : '',
  scale ? scaleMarkdown(scale) : '',
  results ? stormMarkdown(results) : '',
].join('');
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
