// Scale, fan-out: SESSIONS raw Streamable HTTP sessions (bench/raw-session.ts) on each of the mock and the bare SDK
// server, both up at once; each fan-out triggers one tools/list_changed to every session and times its arrival on
// every session's stream. Knobs: BENCH_SCALE_SESSIONS, BENCH_SCALE_FANOUTS.
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type BenchServer, type Memory, memoryOf, type Side, type StartServer } from './bench-server.js';
import { openSession, type RawSession } from './raw-session.js';

const SESSIONS = Number(process.env.BENCH_SCALE_SESSIONS ?? 1_000);
const FANOUTS = Number(process.env.BENCH_SCALE_FANOUTS ?? 10);
/** Sessions opened at once while setting up: enough to be quick, few enough not to time out the servers' accept queue. */
const OPEN_CONCURRENCY = 25;
/** A fan-out that has not reached every session in this long is a failure, not a slow sample. */
const FANOUT_TIMEOUT_MS = 10_000;
/** Quiet time between fan-outs, so one's tail does not overlap the next one's trigger. */
export const FANOUT_GAP_MS = 100;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

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

/** One row per side; every session, the agent and both servers are closed again on every path. */
export async function fanoutRows(start: StartServer): Promise<FanoutRow[]> {
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
