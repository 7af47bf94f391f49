// A gateway's tests with mcp-notify-check: copy this file and put your gateway's command line in GATEWAY.
import { describe, expect, it } from 'vitest';
import { run } from 'mcp-notify-check';

// The gateway under test, started once per cell: {server} is the command that starts the mock as its stdio server,
// {port} a free port for its own endpoint, where the harness's probe connects as the gateway's user. Here: mcp-proxy
// from npm (`npm test` and `npx vitest` put node_modules/.bin on the PATH).
const GATEWAY = 'mcp-proxy --port {port} --server stream -- {server}';

describe('mcp-proxy in front of a stdio server', () => {
  it('relays a change to its users, but never restarts its server after it exits', async () => {
    const { report, exitCode } = await run({
      gateway: GATEWAY,
      downstream: 'http://127.0.0.1:{port}/mcp',
      transport: 'stdio',
      scenario: 'gw-propagate-add,gw-pool-teardown',
      out: 'reports/examples/gateway',
    });
    const failing = Object.fromEntries(
      report.cells.map((cell) => [cell.scenario, cell.checks.filter((check) => check.status === 'fail').map((check) => check.id)]),
    );
    // After its server exits, its users' lists fail: one failure, gw-survives-teardown (gw-converges is untested).
    expect(failing).toEqual({ 'gw-propagate-add': [], 'gw-pool-teardown': ['gw-survives-teardown'] });
    expect(exitCode).toBe(1);
  }, 120_000); // each cell starts the target and plays its scenario: seconds, not milliseconds
});
