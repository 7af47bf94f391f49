import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../dist/', import.meta.url));
const TARGETS = {
  'reference': `node ${root}examples/reference-client/main.js`,
  'relists-every-notification': `node ${root}test/fixtures/targets/relists-every-notification.js`,
};
/** What each target fails on in-flight-list, every run: the unserialised client shows the stale answer released last. */
const FAILING: Record<keyof typeof TARGETS, string[]> = {
  'reference': [],
  'relists-every-notification': ['no-stale-final', 'converges'],
};
/** A smaller count than `npm run stability` (20): enough to catch a race that is decided by scheduling. */
const RUNS = 3;

describe.each([
  ['stdio', 'legacy'], ['sse', 'legacy'], ['http', 'legacy'], ['stdio', 'modern'], ['http', 'modern'],
])('the in-flight race on %s, %s', (transport, era) => {
  it.each(Object.keys(TARGETS) as (keyof typeof TARGETS)[])('is decided by the logic of %s, every run', async (name) => {
    const result = await runCli(
      ['run', '--client', TARGETS[name], '--scenario', 'in-flight-list', '--transport', transport, '--era', era, '--repeat', String(RUNS),
        '--reporter', 'json', '--quiet', '--out', `reports/e2e/race-${name}-${transport}-${era}`],
      { timeoutMs: 120_000 },
    );
    const checks = (JSON.parse(result.stdout) as RunReport).cells[0]?.checks ?? [];
    expect(result.code, result.stderr).toBe(FAILING[name].length ? 1 : 0);
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(FAILING[name]);
    const check = checks.find((c) => c.id === 'no-stale-final');
    if (name === 'reference') {
      expect(check?.status, check?.message).toBe('pass');
    } else {
      expect(check?.status).toBe('fail');
      expect(check?.message).toContain(`(failed ${RUNS} of ${RUNS} runs)`);
    }
  }, 120_000);
});
