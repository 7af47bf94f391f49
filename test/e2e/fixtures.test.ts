import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../dist/test/fixtures/targets/', import.meta.url));

/** Each deliberately broken client, the scenario that exposes it, and the checks that must go red. */
const CASES: { fixture: string; scenario: string; transport: string; era?: string; red: string[]; also?: Record<string, string>; args?: string[] }[] = [
  { fixture: 'never-relists', scenario: 'refresh-on-add', transport: 'stdio', red: ['relist-after-notify', 'converges'] },
  { fixture: 'relists-every-notification', scenario: 'storm-burst', transport: 'sse', red: ['coalesces-burst'] },
  { fixture: 'trailing-debounce-starves', scenario: 'storm-sustained', transport: 'http', red: ['no-starvation'] },
  { fixture: 'first-page-only', scenario: 'paginated-refresh', transport: 'http', red: ['follows-pagination', 'converges'] },
  { fixture: 'last-response-wins', scenario: 'in-flight-list', transport: 'stdio', red: ['no-stale-final'] },
  { fixture: 'relists-everything', scenario: 'multi-list', transport: 'sse', red: ['one-relist-per-kind'] },
  { fixture: 'ignores-404', scenario: 'session-terminated', transport: 'http', red: ['reinitializes-after-404'] },
  { fixture: 'no-resume', scenario: 'stream-dropped', transport: 'http', red: ['reopens-stream'] },
  { fixture: 'crashes-under-storm', scenario: 'storm-burst', transport: 'stdio', red: ['target-survives'] },
  { fixture: 'slow-debounce', scenario: 'debounce-probe', transport: 'stdio', red: ['debounce-window'], args: ['--debounce', '50'] },
  // Re-opening a listen stream the server dropped is a MAY in 2026-07-28: measured (info); the stale view fails.
  { fixture: 'no-relisten', scenario: 'listen-dropped', transport: 'stdio', era: 'modern', red: ['converges'], also: { 'reopens-listen': 'info' } },
  { fixture: 'no-relisten', scenario: 'listen-dropped', transport: 'http', era: 'modern', red: ['converges'], also: { 'reopens-listen': 'info' } },
  { fixture: 'listens-tools-only', scenario: 'listen-filters', transport: 'http', era: 'modern', red: ['listen-filters', 'converges'] },
  { fixture: 'lists-before-ack', scenario: 'ack-first', transport: 'stdio', era: 'modern', red: ['lists-after-ack', 'converges'] },
  { fixture: 'polls-at-ttl', scenario: 'ttl-invalidation', transport: 'http', era: 'modern', red: ['ttl-invalidation'] },
  { fixture: 'no-fallback', scenario: 'era-fallback', transport: 'stdio', era: 'modern', red: ['era-fallback'] },
  { fixture: 'no-fallback', scenario: 'era-fallback', transport: 'http', era: 'modern', red: ['era-fallback'] },
];

describe('deliberately broken clients, through the built CLI', () => {
  it.each(CASES)('$fixture fails exactly $red on $scenario [$transport] with exit 1', async ({ fixture, scenario, transport, era, red, also, args }) => {
    const out = `reports/e2e/${fixture}`;
    const result = await runCli(
      ['run', '--client', `node ${FIXTURES}${fixture}.js`, '--scenario', scenario, '--transport', transport, '--era', era ?? 'legacy', '--reporter', 'json', '--out', out, '--quiet', ...(args ?? [])],
      { timeoutMs: 120_000 },
    );
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as RunReport;
    const statuses = Object.fromEntries(report.cells[0]?.checks.map((check) => [check.id, check.status]) ?? []);
    const failing = Object.keys(statuses).filter((id) => statuses[id] === 'fail').sort();
    expect(failing, JSON.stringify(statuses)).toEqual([...red].sort());
    for (const [id, status] of Object.entries(also ?? {})) expect(statuses[id], id).toBe(status);
  }, 120_000);
});
