import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/support/check.js';
import type { RunReport } from '../../src/judging/run-report.js';
import { readTrace } from '../../src/trace/file.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/targets/', import.meta.url));
/** Measurements are reported rounded to 0.1 ms; the trace keeps microseconds. */
const ROUNDING_MS = 0.1;

/** Runs one fixture on one cell through the built CLI; returns the exit code, the cell's checks by id, its failing ids and trace. */
async function run(fixture: string, scenario: string, transport: string) {
  const result = await runCli(
    ['run', '--client', `node ${FIXTURES}${fixture}.js`, '--scenario', scenario, '--transport', transport, '--era', 'legacy', '--reporter', 'json',
      '--out', `reports/e2e/${fixture}`, '--quiet'],
    { timeoutMs: 60_000 },
  );
  const report = JSON.parse(result.stdout) as RunReport;
  const cell = report.cells[0]?.checks ?? [];
  const checks = new Map<string, CheckResult>(cell.map((check) => [check.id, check]));
  const failing = cell.filter((check) => check.status === 'fail').map((check) => check.id);
  // What to show when the exit code is not the expected one: stderr and every check that did not pass.
  const why = [result.stderr, ...cell.filter((check) => check.status !== 'pass').map((check) => `${check.id}: ${check.message}`)].join('\n');
  return { code: result.code, why, checks, failing, trace: await readTrace(report.cells[0]?.trace ?? '') };
}

/** What the trace shows the client did, independently of the checks: when it asked for page 1 of tools/list, and was told. */
function wire(trace: Awaited<ReturnType<typeof readTrace>>) {
  const lists = trace.events
    .filter((event) => event.kind === 'frame-received')
    .filter((event) => {
      const message = event.message as { method?: string; params?: { cursor?: unknown } };
      return message.method === 'tools/list' && message.params?.cursor === undefined;
    })
    .map((event) => event.t);
  const notified = trace.events.filter((event) => event.kind === 'notification' && event.delivered).map((event) => event.t);
  const gaps = lists.slice(1).map((t, index) => t - (lists[index] ?? t));
  return { lists, notified, shortestGap: Math.min(...gaps), longestGap: Math.max(...gaps) };
}

describe('a client on a 2 s timer and one that also reacts, through the built CLI', () => {
  it('fails relist-after-notify for the poller on refresh-on-add, classified as polling at the period its trace shows', async () => {
    const { code, why, checks, failing, trace } = await run('polling', 'refresh-on-add', 'stdio');
    expect(code, why).toBe(1);
    expect(failing, why).toEqual(['relist-after-notify']);
    const relist = checks.get('relist-after-notify');
    expect(relist).toMatchObject({ status: 'fail', measurements: { reactions: 0, latencyMs: null } });
    expect(relist?.measurements.classification).toMatch(/^polls every ~\d+ ms$/);
    // Counted on the trace: every re-list after the first came on its timer, and the period is one the gaps show.
    const seen = wire(trace);
    expect(relist?.measurements.polls).toBe(seen.lists.length - 1);
    expect(Number(relist?.measurements.pollPeriodMs)).toBeGreaterThanOrEqual(seen.shortestGap - ROUNDING_MS);
    expect(Number(relist?.measurements.pollPeriodMs)).toBeLessThanOrEqual(seen.longestGap + ROUNDING_MS);
  }, 60_000);

  it('reports the poller\'s debounce policy as polling, with its period, on debounce-probe', async () => {
    const { code, why, checks, failing, trace } = await run('polling', 'debounce-probe', 'http');
    expect(code, why).toBe(0);
    expect(failing, why).toEqual([]);
    const window = checks.get('debounce-window');
    expect(window?.status).toBe('info');
    expect(window?.measurements.policy).toMatch(/^polling \(period ~\d+ ms\)$/);
    const seen = wire(trace);
    expect(window?.measurements.polls).toBe(seen.lists.length - 1);
    expect(Number(window?.measurements.pollPeriodMs)).toBeGreaterThanOrEqual(seen.shortestGap - ROUNDING_MS);
    expect(Number(window?.measurements.pollPeriodMs)).toBeLessThanOrEqual(seen.longestGap + ROUNDING_MS);
  }, 60_000);

  it('passes relist-after-notify for the client that polls and reacts, crediting its reaction, not a poll', async () => {
    const { code, why, checks, failing, trace } = await run('poll-and-react', 'refresh-on-add', 'sse');
    expect(code, why).toBe(0);
    expect(failing, why).toEqual([]);
    expect(checks.get('converges')?.status, why).toBe('pass');
    const relist = checks.get('relist-after-notify');
    expect(relist).toMatchObject({ status: 'pass', measurements: { classification: 'both', reactions: 1 } });
    // The latency credited is the one to the first re-list after the notification (its reaction), not to a later poll;
    // the other re-lists after the first are its polls.
    const seen = wire(trace);
    const notifiedAt = seen.notified.at(-1) ?? Number.NaN;
    const reaction = seen.lists.find((t) => t > notifiedAt) ?? Number.NaN;
    expect(Number(relist?.measurements.latencyMs)).toBeCloseTo(reaction - notifiedAt, 1);
    expect(relist?.measurements.polls).toBe(seen.lists.length - 2);
  }, 60_000);
});
