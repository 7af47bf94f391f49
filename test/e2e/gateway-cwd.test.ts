import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPlan } from '../../src/runner/plan.js';
import { selectScenarios } from '../../src/scenarios/scenario-registry.js';
import { gatewayTarget } from '../../src/targets/gateway/gateway-target.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('a gateway given a folder (cwd)', () => {
  it('runs its setup and teardown hooks there too, as the matrix runs a gateway with its scripts beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mnc-gateway-cwd-'));
    const out = mkdtempSync(join(tmpdir(), 'mnc-gateway-cwd-out-'));
    try {
      // The hooks are found only in the gateway's folder: run anywhere else, `sh setup.sh` fails and the run is exit 2.
      writeFileSync(join(folder, 'setup.sh'), 'echo "@mcp-notify-check set where=$(basename "$PWD")"\n');
      writeFileSync(join(folder, 'teardown.sh'), 'echo "$1" > torn-down\n');
      const report = await runPlan({
        scenarios: selectScenarios(['gw-propagate-add'], 'gateway'),
        transports: ['stdio'],
        target: gatewayTarget({
          command: `node ${root}dist/test/fixtures/gateways/well-behaved.js`,
          downstream: 'stdio',
          setup: 'sh setup.sh',
          teardown: 'sh teardown.sh {where}',
          cwd: folder,
          startupTimeoutMs: 20_000,
        }),
        outDir: out,
        repeat: 1,
        strict: false,
        cellTimeoutMs: 60_000,
      });
      expect(report.error).toBeUndefined();
      expect(report.cells.map((cell) => cell.checks.find((check) => check.id === 'gw-converges')?.status)).toEqual(['pass']);
      expect(readFileSync(join(folder, 'torn-down'), 'utf8').trim()).toBe(folder.split('/').at(-1));
    } finally {
      rmSync(folder, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
