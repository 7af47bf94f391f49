// bench/results.json: what each section measured, with the tool, the machine, the settings and the targets.
import { cpus } from 'node:os';
import { VERSION } from '../src/version.js';
import type { gatewayBench } from './gateway.js';
import type { JournalResult } from './journal.js';
import { MODERN_LISTS, MODERN_NOTIFICATIONS, MODERN_WARMUP, type ModernResults } from './modern.js';
import type { ScaleResult } from './scale.js';
import type { suiteBench } from './suite.js';
import {
  BOUND_STORM_PEAK_MB,
  TARGET_FANOUT_P99_MS,
  TARGET_LATENCY,
  TARGET_RATE,
  TARGET_RELIST_RATIO,
} from './targets.js';
import { LISTS, NOTIFICATIONS, ROUNDS, type TransportResults, WARMUP } from './transports.js';

export type SuiteResult = Awaited<ReturnType<typeof suiteBench>>;
export type GatewayResult = Awaited<ReturnType<typeof gatewayBench>>;

/** What the sections measured; a section that did not run (BENCH_ONLY) is undefined. */
export interface BenchResults {
  transports: TransportResults | undefined;
  modern: ModernResults | undefined;
  journal: JournalResult | undefined;
  scale: ScaleResult | undefined;
  suite: SuiteResult | undefined;
  gateway: GatewayResult | undefined;
}

/** The report, dated now: call it once every section has run. */
export function benchReport(results: BenchResults) {
  return {
    tool: { name: 'mcp-notify-check', version: VERSION },
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
    settings: {
      rounds: ROUNDS,
      notifications: NOTIFICATIONS,
      lists: LISTS,
      warmup: WARMUP,
      modern: { notifications: MODERN_NOTIFICATIONS, lists: MODERN_LISTS, warmup: MODERN_WARMUP },
    },
    targets: {
      notificationRateRatioAtLeast: TARGET_RATE,
      listLatencyRatioAtMost: TARGET_LATENCY,
      fullRelistRatioAtMost: TARGET_RELIST_RATIO,
      fanoutP99MsBelow: TARGET_FANOUT_P99_MS,
      stormPeakMbBelow: BOUND_STORM_PEAK_MB,
    },
    transports: results.transports,
    modern: results.modern,
    journal: results.journal,
    suite: results.suite?.suite,
    timestamps: results.suite?.timestamps,
    concurrency: results.suite?.concurrency,
    gateway: results.gateway,
    scale: results.scale,
  };
}
export type BenchReport = ReturnType<typeof benchReport>;
