import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

/**
 * The demo's cells, counted by hand from the scenario catalogue (`list scenarios`): each client scenario on each
 * transport it applies to, in each of its eras that transport carries (legacy HTTP+SSE: 2025 only).
 */
const CELLS: Record<string, { legacy: number; modern: number }> = {
  // Both eras on stdio, sse and http: 3 legacy, 2 modern.
  'refresh-on-add': { legacy: 3, modern: 2 },
  'refresh-on-remove': { legacy: 3, modern: 2 },
  'storm-burst': { legacy: 3, modern: 2 },
  'storm-sustained': { legacy: 3, modern: 2 },
  'debounce-probe': { legacy: 3, modern: 2 },
  'in-flight-list': { legacy: 3, modern: 2 },
  'paginated-refresh': { legacy: 3, modern: 2 },
  'multi-list': { legacy: 3, modern: 2 },
  // 2025 only, every transport.
  'early-notification': { legacy: 3, modern: 0 },
  'capability-off': { legacy: 3, modern: 0 },
  // 2025 only, Streamable HTTP only.
  'session-terminated': { legacy: 1, modern: 0 },
  'stream-dropped': { legacy: 1, modern: 0 },
  'stream-retry': { legacy: 1, modern: 0 },
  // 2026-07-28 only, on stdio and http (sse carries no 2026-07-28).
  'listen-dropped': { legacy: 0, modern: 2 },
  'listen-filters': { legacy: 0, modern: 2 },
  'ack-first': { legacy: 0, modern: 2 },
  'ttl-invalidation': { legacy: 0, modern: 2 },
  'poll-cadence': { legacy: 0, modern: 2 },
  'fallback-method-not-found': { legacy: 0, modern: 2 },
  'fallback-invalid-params': { legacy: 0, modern: 2 },
  'fallback-bare-400': { legacy: 0, modern: 1 },
  'server-restart': { legacy: 0, modern: 1 },
  // Both eras on stdio and http.
  'era-fallback': { legacy: 2, modern: 2 },
};

describe('demo: the whole suite against the bundled reference client', () => {
  it('passes every scenario on every transport it applies to, with exit 0', async () => {
    const result = await runCli(['demo', '--reporter', 'json', '--reporter', 'junit', '--out', 'reports/e2e/demo', '--quiet'], { timeoutMs: 240_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    const played: Record<string, { legacy: number; modern: number }> = {};
    for (const cell of report.cells) (played[cell.scenario] ??= { legacy: 0, modern: 0 })[cell.era as 'legacy' | 'modern'] += 1;
    for (const scenario of Object.keys(CELLS)) played[scenario] ??= { legacy: 0, modern: 0 };
    expect(played).toEqual(CELLS);
    // 23 scenarios, 69 cells: 35 in the 2025 era, 34 in 2026-07-28 (the README says 69).
    expect(report.cells).toHaveLength(69);
    expect(report.cells.filter((cell) => cell.era === 'modern')).toHaveLength(34);
    expect(report.excluded.every((cell) => cell.reason.length > 10)).toBe(true);
    // The reference client does not poll: the rule for pollers has nothing of it to judge (untested, and said so).
    const judged = (check: { id: string; status: string }) => check.status === 'pass' || check.status === 'info' ||
      (check.id === 'poll-jitter-backoff' && check.status === 'untested');
    const notPassing = report.cells.flatMap((cell) =>
      cell.checks.filter((check) => !judged(check)).map((check) => `${cell.scenario}/${cell.transport}/${cell.era}/${check.id}: ${check.message}`),
    );
    expect(notPassing).toEqual([]);
    expect(report.summary.fail).toBe(0);
    // The only info checks are the ones that report rather than judge, and era-fallback's cells where a 2025 client
    // meets a 2026-07-28-only server (the reference client says why it cannot connect).
    const infos = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status === 'info').map((check) => check.id));
    expect(new Set(infos)).toEqual(new Set(['debounce-window', 'relist-after-notify', 'target-connects', 'era-fallback']));
    const fallbacks = report.cells.filter((cell) => cell.scenario === 'era-fallback');
    for (const cell of fallbacks) {
      const check = cell.checks.find((each) => each.id === 'era-fallback');
      if (cell.era === 'modern') expect(check?.status, check?.message).toBe('pass');
      else expect(check).toMatchObject({ status: 'info', message: expect.stringMatching(/what it printed names the version mismatch$/) });
    }
    expect(fallbacks.filter((cell) => cell.checks.some((check) => check.id === 'target-connects' && check.status === 'info'))).toHaveLength(2);
  }, 300_000);
});
