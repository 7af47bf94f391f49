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

/** A side of a round as the measurements see it: it can be told to notify, and counts what its client received. */
export interface Notifying {
  received: () => number;
  trigger: (count: number) => Promise<void>;
}

/** Notifications per second from trigger to the last one received, after a priming notification. */
export async function measureRate(side: Notifying, count = NOTIFICATIONS): Promise<number> {
  // Prime: a stream may open asynchronously (Streamable HTTP's GET); retry one notification until it lands, so the
  // burst's clock starts on a working path.
  for (let attempt = 0; side.received() === 0; attempt++) {
    if (attempt > 100) throw new Error('no notification reached the client');
    await side.trigger(1);
    await waitUntil(() => side.received() > 0, 50);
  }
  const base = side.received();
  const start = performance.now();
  await side.trigger(count);
  if (!(await waitUntil(() => side.received() - base >= count, 60_000))) {
    throw new Error(`only ${side.received() - base} of ${count} notifications arrived`);
  }
  return (count / (performance.now() - start)) * 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** List round trips (`list` times one), alternating mock and bare request by request so machine noise hits both alike. */
export async function measureLatencies<S>(
  mock: S,
  bare: S,
  list: (side: S) => Promise<unknown>,
  counts: { warmup: number; lists: number } = { warmup: WARMUP, lists: LISTS },
): Promise<{ mock: Latency; bare: Latency }> {
  for (let i = 0; i < counts.warmup; i++) {
    await list(mock);
    await list(bare);
  }
  const samples = { mock: [] as number[], bare: [] as number[] };
  const time = async (side: S, into: number[]) => {
    const start = performance.now();
    await list(side);
    into.push(performance.now() - start);
  };
  for (let i = 0; i < counts.lists; i++) {
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

export interface Latency {
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
    const latency = await measureLatencies(mock, bare, (side) => side.client.listTools());
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

/** What a round measures on each side: notification rate and list round-trip percentiles. */
export interface RateAndLatency {
  rate: number;
  p50: number;
  p99: number;
}

/**
 * Rounds summarised: each side's median over rounds, and the median of the per-round ratios mock / bare. Ratios are
 * taken within each round (mock and bare measured back to back) and then the median over rounds: this cancels the
 * machine's drift between rounds, which on a shared 2-core VM is larger than the effect measured.
 */
export function summarizeRounds<S extends RateAndLatency>(mock: S[], bare: S[]) {
  const summary = (samples: S[]): RateAndLatency => ({
    rate: median(samples.map((s) => s.rate)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
  });
  const perRound = (pick: (s: S) => number) => median(mock.map((s, i) => pick(s) / pick(bare[i] ?? s)));
  return {
    mock: summary(mock),
    bare: summary(bare),
    ratio: { rate: perRound((s) => s.rate), p50: perRound((s) => s.p50), p99: perRound((s) => s.p99) },
  };
}

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
    const summarized = summarizeRounds(mock, bare);
    const m = { ...summarized.mock, peakMb: median(mock.map((s) => s.peakMb)) };
    const b = { ...summarized.bare, peakMb: median(bare.map((s) => s.peakMb)) };
    results[kind] = {
      mock: m,
      bare: b,
      ratio: summarized.ratio,
      worstPeakMb: { mock: Math.max(...mock.map((s) => s.peakMb)), bare: Math.max(...bare.map((s) => s.peakMb)) },
    };
    console.error(
      `${kind}: mock ${m.rate.toFixed(0)}/s p50 ${m.p50.toFixed(3)} ms · bare ${b.rate.toFixed(0)}/s p50 ${b.p50.toFixed(3)} ms`,
    );
  }
  return results;
}
