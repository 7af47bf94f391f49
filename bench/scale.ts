// The scale half of `npm run bench`: a 10,000-tool paginated catalogue re-listed in full over each transport, and
// 1,000 Streamable HTTP sessions each receiving one fanned-out tools/list_changed; mock and bare SDK server side by
// side, both running at once, measured from this process. Knobs for shorter runs: BENCH_SCALE_TOOLS, BENCH_SCALE_RELISTS,
// BENCH_SCALE_SESSIONS, BENCH_SCALE_FANOUTS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

const CATALOGUE_TOOLS = Number(process.env.BENCH_SCALE_TOOLS ?? 10_000);
export const PAGE_SIZE = 100;
const RELISTS = Number(process.env.BENCH_SCALE_RELISTS ?? 10);
const RELIST_WARMUP = 2;
const SESSIONS = Number(process.env.BENCH_SCALE_SESSIONS ?? 1_000);
const FANOUTS = Number(process.env.BENCH_SCALE_FANOUTS ?? 10);
/** Sessions opened at once while setting up: enough to be quick, few enough not to time out the servers' accept queue. */
const OPEN_CONCURRENCY = 25;
/** A set-up request unanswered this long means the server is stuck: fail instead of hanging the bench. */
const OPEN_TIMEOUT_MS = 10_000;
/** A fan-out that has not reached every session in this long is a failure, not a slow sample. */
const FANOUT_TIMEOUT_MS = 10_000;
/** Quiet time between fan-outs, so one's tail does not overlap the next one's trigger. */
export const FANOUT_GAP_MS = 100;
const SCALE_TRANSPORTS = ['stdio', 'sse', 'http'] as const;
type ScaleTransport = (typeof SCALE_TRANSPORTS)[number];
export type Side = 'mock' | 'bare';

/** A server child with an SDK client connected: what `bench/run.ts` starts for each side. */
export interface BenchServer {
  client: Client;
  /** Makes the server send `count` tools/list_changed to every session. */
  trigger: (count: number) => Promise<void>;
  /** The process holding the server's state (for its memory). */
  pid: () => number | undefined;
  /** The MCP endpoint (sse/http). */
  mcp?: string;
  stop: () => Promise<void>;
}
export type StartServer = (side: Side, kind: ScaleTransport, args: string[]) => Promise<BenchServer>;

export interface Memory {
  rssMb: number;
  /** Peak resident set (VmHWM) over the process's life. */
  hwmMb: number;
}

/** VmRSS and VmHWM of a process, from /proc (NaN where /proc is not available). */
export function memoryOf(pid: number | undefined): Memory {
  let status = '';
  try {
    status = pid === undefined ? '' : readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process is gone or /proc is not mounted: the memory is unknown, not zero.
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

export interface RelistRow {
  transport: ScaleTransport;
  tools: number;
  pages: number;
  relists: number;
  mockMs: number;
  bareMs: number;
  /** Median of the per-pair ratios (mock and bare re-listed back to back). */
  ratio: number;
  mock: Memory;
  bare: Memory;
}

/** Follows every nextCursor; returns the number of pages (and checks every tool came back). */
async function relist(client: Client): Promise<number> {
  let cursor: string | undefined;
  let pages = 0;
  let tools = 0;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    pages += 1;
    tools += page.tools.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  if (tools !== CATALOGUE_TOOLS) throw new Error(`a full re-list returned ${tools} of ${CATALOGUE_TOOLS} tools`);
  return pages;
}

async function timedRelist(server: BenchServer, into: number[]): Promise<number> {
  const start = performance.now();
  const pages = await relist(server.client);
  into.push(performance.now() - start);
  return pages;
}

async function relistRow(start: StartServer, kind: ScaleTransport, args: string[]): Promise<RelistRow> {
  const mock = await start('mock', kind, args);
  try {
    const bare = await start('bare', kind, args);
    try {
      for (let i = 0; i < RELIST_WARMUP; i++) {
        await relist(mock.client);
        await relist(bare.client);
      }
      const times = { mock: [] as number[], bare: [] as number[] };
      let pages = 0;
      for (let i = 0; i < RELISTS; i++) {
        // Alternate who goes first, so neither always follows the other's garbage collection.
        const mockFirst = i % 2 === 0;
        pages = await timedRelist(mockFirst ? mock : bare, mockFirst ? times.mock : times.bare);
        await timedRelist(mockFirst ? bare : mock, mockFirst ? times.bare : times.mock);
      }
      return {
        transport: kind,
        tools: CATALOGUE_TOOLS,
        pages,
        relists: RELISTS,
        mockMs: median(times.mock),
        bareMs: median(times.bare),
        ratio: median(times.mock.map((ms, i) => ms / (times.bare[i] ?? Number.NaN))),
        mock: memoryOf(mock.pid()),
        bare: memoryOf(bare.pid()),
      };
    } finally {
      await bare.stop();
    }
  } finally {
    await mock.stop();
  }
}

/** One raw Streamable HTTP session (no SDK): initialized, with its standalone GET stream open. */
interface RawSession {
  get: ClientRequest;
}

interface Reply {
  res: IncomingMessage;
  text: string;
}

interface SendOptions {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

function send(url: URL, agent: Agent, options: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, agent, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ res, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(OPEN_TIMEOUT_MS, () => req.destroy(new Error(`${options.method} ${url.href}: no answer in ${OPEN_TIMEOUT_MS} ms`)));
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench-fanout', version: '1' } },
};
const NOTE = 'tools/list_changed';

/**
 * Initializes one session and opens its standalone stream; `onNote` is called with the arrival time of every
 * tools/list_changed on it. Only the marker is looked for in the bytes (a carry covers one split across chunks).
 */
async function openSession(url: URL, agent: Agent, onNote: (at: number) => void): Promise<RawSession> {
  const json = { 'content-type': 'application/json', 'accept': 'application/json, text/event-stream' };
  const init = await send(url, agent, { method: 'POST', headers: json, body: INITIALIZE });
  const id = init.res.headers['mcp-session-id'];
  if (init.res.statusCode !== 200 || typeof id !== 'string') throw new Error(`initialize: HTTP ${init.res.statusCode} ${init.text}`);
  const session = { ...json, 'mcp-session-id': id, 'mcp-protocol-version': INITIALIZE.params.protocolVersion };
  const initialized = await send(url, agent, { method: 'POST', headers: session, body: { jsonrpc: '2.0', method: 'notifications/initialized' } });
  if (initialized.res.statusCode !== 202) throw new Error(`initialized: HTTP ${initialized.res.statusCode}`);
  return new Promise((resolve, reject) => {
    const get = request(url, { agent, headers: { ...session, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET: HTTP ${res.statusCode}`));
      get.setTimeout(0); // The stream is open: from here on it is idle by design.
      res.setEncoding('utf8');
      let carry = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        const text = carry + chunk;
        for (let from = text.indexOf(NOTE); from !== -1; from = text.indexOf(NOTE, from + NOTE.length)) onNote(at);
        carry = text.slice(-(NOTE.length - 1));
      });
      res.on('error', () => undefined);
      resolve({ get });
    });
    get.on('error', (error) => reject(error));
    get.setTimeout(OPEN_TIMEOUT_MS, () => get.destroy(new Error(`GET ${url.href}: no answer in ${OPEN_TIMEOUT_MS} ms`)));
    get.end();
  });
}

/** SESSIONS raw sessions on one server, and a way to time one fan-out across all of them. */
interface Fleet {
  sessions: RawSession[];
  /** Triggers one notification; resolves with each session's latency from the trigger (ms). */
  fanout(): Promise<number[]>;
}

async function openFleet(server: BenchServer, agent: Agent): Promise<Fleet> {
  const url = new URL(server.mcp ?? '');
  const sessions: RawSession[] = [];
  let startedAt = 0;
  let samples: number[] = [];
  let settle: (() => void) | undefined;
  let stray = 0;
  const onNote = (at: number) => {
    if (!settle) return void (stray += 1);
    samples.push(at - startedAt);
    if (samples.length === sessions.length) settle();
  };
  for (let opened = 0; opened < SESSIONS; opened += OPEN_CONCURRENCY) {
    const batch = Math.min(OPEN_CONCURRENCY, SESSIONS - opened);
    sessions.push(...(await Promise.all(Array.from({ length: batch }, () => openSession(url, agent, onNote)))));
  }
  const fanout = async () => {
    samples = [];
    const all = new Promise<void>((resolve) => {
      settle = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), FANOUT_TIMEOUT_MS);
    });
    startedAt = performance.now();
    try {
      await server.trigger(1);
      if ((await Promise.race([all, timeout])) === 'timeout') {
        throw new Error(`a fan-out reached ${samples.length} of ${sessions.length} sessions in ${FANOUT_TIMEOUT_MS} ms`);
      }
    } finally {
      clearTimeout(timer);
      settle = undefined;
    }
    if (stray > 0) throw new Error(`${stray} notifications arrived outside a fan-out`);
    return samples;
  };
  return { sessions, fanout };
}

export interface FanoutRow {
  side: Side;
  sessions: number;
  fanouts: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The worst fan-out's p99: the target must hold for each fan-out, not only pooled. */
  worstP99Ms: number;
  setupMs: number;
  memory: Memory;
}

async function fanoutRows(start: StartServer): Promise<FanoutRow[]> {
  const agent = new Agent({ keepAlive: true });
  const servers: BenchServer[] = [];
  const fleets: Fleet[] = [];
  try {
    const setupMs: number[] = [];
    for (const side of ['mock', 'bare'] as const) {
      const server = await start(side, 'http', []);
      servers.push(server);
      const began = performance.now();
      fleets.push(await openFleet(server, agent));
      setupMs.push(performance.now() - began);
    }
    const pooled: number[][] = [[], []];
    const worst = [0, 0];
    const pause = () => new Promise((resolve) => setTimeout(resolve, FANOUT_GAP_MS));
    // One warm-up fan-out each, then alternate mock and bare so machine noise falls on both alike.
    for (const fleet of fleets) await fleet.fanout();
    for (let i = 0; i < FANOUTS; i++) {
      for (let j = 0; j < fleets.length; j++) {
        const which = (i + j) % fleets.length;
        await pause();
        const samples = (await fleets[which]?.fanout() ?? []).sort((a, b) => a - b);
        pooled[which]?.push(...samples);
        worst[which] = Math.max(worst[which] ?? 0, percentile(samples, 99));
      }
    }
    return (['mock', 'bare'] as const).map((side, i) => {
      const sorted = (pooled[i] ?? []).sort((a, b) => a - b);
      return {
        side,
        sessions: SESSIONS,
        fanouts: FANOUTS,
        samples: sorted.length,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted.at(-1) ?? Number.NaN,
        worstP99Ms: worst[i] ?? Number.NaN,
        setupMs: setupMs[i] ?? Number.NaN,
        memory: memoryOf(servers[i]?.pid()),
      };
    });
  } finally {
    for (const fleet of fleets) for (const session of fleet.sessions) session.get.destroy();
    agent.destroy();
    for (const server of servers.reverse()) await server.stop();
  }
}

export interface ScaleResult {
  relist: RelistRow[];
  fanout: FanoutRow[];
}

/** The scale rows: every server started here is stopped again on every path. */
export async function scaleBench(start: StartServer): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mnc-bench-scale-'));
  try {
    const file = join(dir, 'catalogue.json');
    const tools = Array.from({ length: CATALOGUE_TOOLS }, (_, i) => ({
      name: `tool-${String(i).padStart(5, '0')}`,
      description: `Tool ${i} of the scale catalogue`,
      inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
    }));
    writeFileSync(file, JSON.stringify({ tools }));
    const args = ['--catalogue', file, '--page-size', String(PAGE_SIZE)];
    const relistRows: RelistRow[] = [];
    for (const kind of SCALE_TRANSPORTS) {
      relistRows.push(await relistRow(start, kind, args));
      const row = relistRows.at(-1);
      console.error(`re-list ${kind}: mock ${row?.mockMs.toFixed(1)} ms · bare ${row?.bareMs.toFixed(1)} ms · ratio ${row?.ratio.toFixed(2)}`);
    }
    const fanout = await fanoutRows(start);
    for (const row of fanout) console.error(`fan-out ${row.side}: p50 ${row.p50Ms.toFixed(1)} ms p99 ${row.p99Ms.toFixed(1)} ms`);
    return { relist: relistRows, fanout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
