// The transports section of `npm run bench`: per transport, ROUNDS rounds that each start the mock and the bare SDK
// server at once, time a burst of NOTIFICATIONS notifications to each (rate, then peak memory), and time LISTS
// tools/list round trips interleaved mock and bare (latency). Knobs: BENCH_ROUNDS, BENCH_NOTIFICATIONS, BENCH_LISTS.
import { performance } from 'node:perf_hooks';
import { memoryOf } from './bench-server.js';
import { type Running, startBare, startMock, type Variant } from './servers.js';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 20_000);
export const LISTS = Number(process.env.BENCH_LISTS ?? 2000);
export const WARMUP = 200;
/** The rows of the section, in order. */
export const VARIANTS: Variant[] = ['stdio', 'stdio-relay', 'sse', 'http'];

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

export interface TransportResult {
  mock: Sample;
  bare: Sample;
  ratio: { rate: number; p50: number; p99: number };
  /** The highest VmHWM over the rounds (each round starts fresh processes). */
  worstPeakMb: { mock: number; bare: number };
}
export type TransportResults = Partial<Record<Variant, TransportResult>>;

/** Every transport's rounds, summarised: medians over rounds and the median of the per-round ratios. */
export async function transportsBench(): Promise<TransportResults> {
  const results: TransportResults = {};
  for (const kind of VARIANTS) {
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
