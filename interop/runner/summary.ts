import type { TargetOutcome, TargetVerdict } from './judge-target.js';

/** The runner's exit code for each verdict: 0 as expected, 1 a difference (a finding changed), 2 not judged. */
const EXIT: Readonly<Record<TargetVerdict, number>> = {
  'ok': 0,
  'differs': 1,
  'flipped': 1,
  'no-expect': 1,
  'build-failed': 2,
  'fault': 2,
  'stopped': 2,
};

/** The worst of the targets' exit codes (0 when none ran). */
export function exitCodeOf(outcomes: readonly Pick<TargetOutcome, 'verdict'>[]): number {
  return Math.max(0, ...outcomes.map((outcome) => EXIT[outcome.verdict]));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Wall time per language, build and run: what BENCHMARKS.md reports. A build skipped as up to date counts with the
 * time of the build that made it, marked `*`.
 */
export function wallTimeLines(outcomes: readonly Pick<TargetOutcome, 'target' | 'build' | 'runMs'>[]): string[] {
  const byLanguage = new Map<string, { targets: number; buildMs: number; runMs: number; cached: boolean }>();
  for (const outcome of outcomes) {
    const entry = byLanguage.get(outcome.target.language) ?? { targets: 0, buildMs: 0, runMs: 0, cached: false };
    entry.targets += 1;
    entry.buildMs += outcome.build.ms;
    entry.runMs += outcome.runMs;
    entry.cached ||= outcome.build.cached;
    byLanguage.set(outcome.target.language, entry);
  }
  const rows = [...byLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([language, entry]) =>
    `  ${language.padEnd(12)} ${String(entry.targets).padStart(2)} target(s)  build ${seconds(entry.buildMs).padStart(8)}${entry.cached ? '*' : ' '}  run ${seconds(entry.runMs).padStart(8)}`);
  if (rows.length === 0) return [];
  const footnote = [...byLanguage.values()].some((entry) => entry.cached) ? ['  * includes builds that were up to date: their last build\'s time'] : [];
  return ['wall time by language:', ...rows, ...footnote];
}
