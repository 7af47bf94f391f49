// The modern section of `npm run bench`: the mock in the 2026-07-28 era (`serve --era modern`) against a bare SDK v2
// server (bench/bare-server-v2.mjs), per transport, both measured by SDK v2 clients pinned to 2026-07-28. Per round
// both servers are up at once; a burst of MODERN_NOTIFICATIONS tools/list_changed on the `subscriptions/listen` stream
// is timed on each (rate), then MODERN_LISTS tools/list round trips interleaved mock and bare (latency).
// Knobs: BENCH_ROUNDS (shared with the transports section), BENCH_MODERN_NOTIFICATIONS, BENCH_MODERN_LISTS.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { Side } from './bench-server.js';
import { TARGET_LATENCY, TARGET_RATE } from './targets.js';
import { post } from './servers.js';
import { type Latency, measureLatencies, measureRate, ROUNDS, summarizeRounds } from './transports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${root}dist/src/cli.js`;
const BARE_V2 = `${root}bench/bare-server-v2.mjs`;

export const MODERN_VERSION = '2026-07-28';
// Smaller than the transports section's: each round spawns four processes on stdio (the v2 client probes first).
export const MODERN_NOTIFICATIONS = Number(process.env.BENCH_MODERN_NOTIFICATIONS ?? 5000);
export const MODERN_LISTS = Number(process.env.BENCH_MODERN_LISTS ?? 500);
export const MODERN_WARMUP = 100;
export type ModernTransport = 'stdio' | 'http';
/** The rows of the section, in order. */
export const MODERN_TRANSPORTS: ModernTransport[] = ['stdio', 'http'];

/** A server child with a modern SDK v2 client connected and listening for tools/list_changed. */
interface ModernServer {
  client: Client;
  received: () => number;
  /** Makes the server send `count` tools/list_changed on every listen stream. */
  trigger: (count: number) => Promise<void>;
  stop: () => Promise<void>;
}

/** The first line of `stream` as JSON; the rest is drained (not destroyed), so a child writing later never gets EPIPE. */
function banner(stream: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    let done = false;
    stream.on('data', (chunk) => {
      if (done) return;
      text += String(chunk);
      const newline = text.indexOf('\n');
      if (newline === -1) return;
      done = true;
      try {
        resolve(JSON.parse(text.slice(0, newline)) as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    stream.once('end', () => reject(new Error(`no banner: ${text}`)));
  });
}

/**
 * Runs a server under a watchdog whose stdin is a pipe held by this process: when it ends (the bench stopped the
 * server, or the bench is gone however it ended) the watchdog stops the server and exits with it. The bare server ends
 * on its own stdin too, but the mock's `serve --transport http` does not. The watchdog sits idle while measured.
 */
const WATCHDOG = `const server = require('node:child_process').spawn(process.execPath, process.argv.slice(1), { stdio: ['pipe', 'ignore', 'inherit'] });
const stop = () => server.kill('SIGTERM');
process.stdin.on('end', stop).resume();
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));`;

/** Ends a watched server (see WATCHDOG) through its watchdog's stdin, and waits for both to exit. */
function stopWatched(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
  });
}

/**
 * fetch with a signal of its own for every request but the listen stream. The v2 transport passes its lifetime signal
 * to every POST and Node's fetch keeps a listener on it per request until that request is collected (see
 * fetchOwnSignal in src/targets/probe/probe-transport.ts); the listen POST stays linked so closing the client ends it.
 */
async function fetchModern(url: string | URL, init?: RequestInit): Promise<Response> {
  const outer = init?.signal;
  if (!outer || new Headers(init.headers).get('mcp-method') === 'subscriptions/listen') return fetch(url, init);
  const own = new AbortController();
  const abort = () => own.abort(outer.reason);
  if (outer.aborted) abort();
  else outer.addEventListener('abort', abort, { once: true });
  try {
    return await fetch(url, { ...init, signal: own.signal });
  } finally {
    outer.removeEventListener('abort', abort);
  }
}

/** A v2 client pinned to the modern era, counting tools/list_changed, with the listen stream open once it resolves. */
async function connectModern(transport: StdioClientTransport | StreamableHTTPClientTransport): Promise<Pick<ModernServer, 'client' | 'received'>> {
  const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: { pin: MODERN_VERSION } } });
  let count = 0;
  client.setNotificationHandler('notifications/tools/list_changed', () => {
    count += 1;
  });
  try {
    await client.connect(transport);
    await client.listen({ toolsListChanged: true });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { client, received: () => count };
}

/** One side on one transport: the mock (`serve --era modern`) or the bare v2 server, each steered its own way. */
async function startModern(side: Side, kind: ModernTransport): Promise<ModernServer> {
  const args = side === 'mock' ? [CLI, 'serve', '--transport', kind, '--era', 'modern'] : [BARE_V2, kind];
  const triggerVia = (line: Record<string, unknown>) => {
    if (side === 'bare') return (count: number) => post(`${String(line.control)}/?count=${count}`);
    return (count: number) => post(`${String(line.admin)}/storm`, { count, intervalMs: 0 }, String(line.token));
  };
  if (kind === 'stdio') {
    // The transport spawns the server (after a throwaway discover probe of its own) and ends it on close.
    const transport = new StdioClientTransport({ command: process.execPath, args, stderr: 'pipe' });
    const line = banner(transport.stderr as unknown as NodeJS.ReadableStream);
    line.catch(() => undefined); // Awaited once connected; a failed connect is the error to report.
    const connected = await connectModern(transport);
    try {
      return { ...connected, trigger: triggerVia(await line), stop: () => connected.client.close() };
    } catch (error) {
      await connected.client.close();
      throw error;
    }
  }
  const child = spawn(process.execPath, ['-e', WATCHDOG, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  try {
    const line = await banner(child.stderr as NodeJS.ReadableStream);
    const transport = new StreamableHTTPClientTransport(new URL(String(line.mcp)), { fetch: fetchModern });
    const connected = await connectModern(transport);
    const stop = async () => {
      try {
        await connected.client.close();
      } finally {
        await stopWatched(child);
      }
    };
    return { ...connected, trigger: triggerVia(line), stop };
  } catch (error) {
    await stopWatched(child);
    throw error;
  }
}

/** One raw tools/list: the client's list cache is not involved. */
const rawList = (server: ModernServer) => server.client.request({ method: 'tools/list', params: {} });

export interface ModernSample extends Latency {
  rate: number;
}

/** One round: both servers up at once; rates one after the other (order alternating by round), then latencies. */
async function round(kind: ModernTransport, index: number): Promise<{ mock: ModernSample; bare: ModernSample }> {
  const mock = await startModern('mock', kind);
  let bare: ModernServer | undefined;
  try {
    bare = await startModern('bare', kind);
    const [first, second] = index % 2 === 0 ? [mock, bare] : [bare, mock];
    const rates = new Map([
      [first, await measureRate(first, MODERN_NOTIFICATIONS)],
      [second, await measureRate(second, MODERN_NOTIFICATIONS)],
    ]);
    const latency = await measureLatencies(mock, bare, rawList, { warmup: MODERN_WARMUP, lists: MODERN_LISTS });
    return {
      mock: { rate: rates.get(mock) ?? Number.NaN, ...latency.mock },
      bare: { rate: rates.get(bare) ?? Number.NaN, ...latency.bare },
    };
  } finally {
    await bare?.stop();
    await mock.stop();
  }
}

export interface ModernResult {
  mock: ModernSample;
  bare: ModernSample;
  ratio: { rate: number; p50: number; p99: number };
  /** The verdicts against the targets: rate ratio ≥ TARGET_RATE, p50 ratio ≤ TARGET_LATENCY. */
  meets: { rate: boolean; p50: boolean };
}
export type ModernResults = Partial<Record<ModernTransport, ModernResult>>;

/** Every transport's rounds, summarised as the transports section does: medians over rounds, median per-round ratios. */
export async function modernBench(): Promise<ModernResults> {
  const results: ModernResults = {};
  for (const kind of MODERN_TRANSPORTS) {
    const mock: ModernSample[] = [];
    const bare: ModernSample[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      const result = await round(kind, index);
      mock.push(result.mock);
      bare.push(result.bare);
    }
    const { mock: m, bare: b, ratio } = summarizeRounds(mock, bare);
    results[kind] = { mock: m, bare: b, ratio, meets: { rate: ratio.rate >= TARGET_RATE, p50: ratio.p50 <= TARGET_LATENCY } };
    console.error(
      `modern ${kind}: mock ${m.rate.toFixed(0)}/s p50 ${m.p50.toFixed(3)} ms · bare ${b.rate.toFixed(0)}/s p50 ${b.p50.toFixed(3)} ms`,
    );
  }
  return results;
}
