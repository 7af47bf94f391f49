import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${root}node_modules/.bin/`;
const FIXTURES = `${root}dist/test/fixtures/gateways/`;

interface Case {
  name: string;
  gateway: string;
  downstream: string;
  transport: string;
  scenarios: string;
  /** scenario → check id → expected status (checks not named may be anything). */
  expect: Record<string, Record<string, string>>;
  /** scenario → check id → expected `class` measurement. */
  classes?: Record<string, string>;
  code: number;
  /** The upstream mock's era (default legacy) and the era the probe speaks downstream (default legacy). */
  era?: string;
  downstreamEra?: string;
  args?: string[];
}

async function runGatewayCase(c: Case): Promise<RunReport> {
  const result = await runCli(
    ['run', '--gateway', c.gateway, '--downstream', c.downstream, '--transport', c.transport, '--scenario', c.scenarios,
      '--era', c.era ?? 'legacy', '--downstream-era', c.downstreamEra ?? 'legacy', ...(c.args ?? []),
      '--reporter', 'json', '--out', `reports/e2e/${c.name}`, '--quiet'],
    { timeoutMs: 180_000 },
  );
  expect(result.code, result.stderr).toBe(c.code);
  return JSON.parse(result.stdout) as RunReport;
}

function verify(report: RunReport, c: Case): void {
  for (const [scenario, checks] of Object.entries(c.expect)) {
    const cell = report.cells.find((each) => each.scenario === scenario);
    expect(cell, scenario).toBeDefined();
    for (const [id, status] of Object.entries(checks)) {
      const check = cell?.checks.find((each) => each.id === id);
      expect(check?.status, `${scenario} ${id}: ${check?.message ?? 'missing'}`).toBe(status);
    }
  }
  for (const [scenario, gatewayClass] of Object.entries(c.classes ?? {})) {
    const relay = report.cells.find((each) => each.scenario === scenario)?.checks.find((each) => each.id === 'gw-relays-notification');
    expect(relay?.measurements.class, scenario).toBe(gatewayClass);
  }
}

const FIXTURE_CASES: Case[] = [
  {
    name: 'fixture-well-behaved',
    gateway: `node ${FIXTURES}well-behaved.js`,
    downstream: 'stdio',
    transport: 'http',
    scenarios: 'gw-propagate-add,gw-storm,gw-pool-teardown,gw-relay-before-update',
    expect: {
      'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' },
      'gw-storm': { 'gw-coalesces': 'pass', 'gw-converges': 'pass' },
      'gw-pool-teardown': { 'gw-survives-teardown': 'pass', 'gw-converges': 'pass' },
      'gw-relay-before-update': { 'gw-relay-after-update': 'pass' },
    },
    classes: { 'gw-propagate-add': 'refreshing' },
    code: 0,
  },
  {
    name: 'fixture-snapshot',
    gateway: `node ${FIXTURES}snapshot.js`,
    downstream: 'stdio',
    transport: 'stdio',
    scenarios: 'gw-propagate-add',
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'fail', 'gw-converges': 'fail' } },
    classes: { 'gw-propagate-add': 'snapshot' },
    code: 1,
  },
  {
    name: 'fixture-relay-first',
    gateway: `node ${FIXTURES}relay-first.js`,
    downstream: 'stdio',
    transport: 'sse',
    scenarios: 'gw-relay-before-update',
    expect: { 'gw-relay-before-update': { 'gw-relay-after-update': 'fail' } },
    code: 1,
  },
  {
    name: 'fixture-dies-on-teardown',
    gateway: `node ${FIXTURES}dies-on-teardown.js`,
    downstream: 'stdio',
    transport: 'http',
    scenarios: 'gw-pool-teardown',
    expect: { 'gw-pool-teardown': { 'gw-survives-teardown': 'fail', 'target-survives': 'fail' } },
    code: 1,
  },
];

/** Real gateways installed from npm (exact versions in package.json), over every combination each supports. */
const REAL_CASES: Case[] = [
  ...(['stream', 'sse'] as const).map(
    (server): Case => ({
      name: `mcp-proxy-${server}`,
      gateway: `${BIN}mcp-proxy --port {port} --server ${server} -- {server}`,
      downstream: `http://127.0.0.1:{port}/${server === 'stream' ? 'mcp' : 'sse'}`,
      transport: 'stdio',
      scenarios: 'gw-propagate-add,gw-pool-teardown',
      expect: {
        'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' },
        // mcp-proxy does not re-spawn its stdio server after it exits.
        'gw-pool-teardown': { 'gw-survives-teardown': 'fail', 'target-survives': 'pass' },
      },
      classes: { 'gw-propagate-add': 'forwarder' },
      code: 1,
    }),
  ),
  // mcp-proxy serves 2026-07-28 beside the 2025 revisions downstream, and speaks either to its stdio server
  // (--upstreamProtocol): a change crosses the bridge whichever way round the eras are.
  ...([
    ['legacy', 'modern', 'legacy'],
    ['modern', 'legacy', 'modern'],
    ['modern', 'modern', 'auto'],
  ] as const).map(
    ([era, downstreamEra, upstreamProtocol]): Case => ({
      name: `mcp-proxy-${era}-to-${downstreamEra}`,
      gateway: `${BIN}mcp-proxy --port {port} --server stream --upstreamProtocol ${upstreamProtocol} -- {server}`,
      downstream: 'http://127.0.0.1:{port}/mcp',
      transport: 'stdio',
      era,
      downstreamEra,
      scenarios: 'gw-propagate-add,gw-relay-before-update',
      expect: {
        'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' },
        'gw-relay-before-update': { 'gw-relay-after-update': 'pass' },
      },
      classes: { 'gw-propagate-add': 'forwarder' },
      code: 0,
    }),
  ),
  {
    // Told to speak only the 2025 revisions upstream, it cannot start against a 2026-07-28-only server, and says why.
    name: 'mcp-proxy-legacy-bridge-to-modern-server',
    gateway: `${BIN}mcp-proxy --port {port} --server stream --upstreamProtocol legacy -- {server}`,
    downstream: 'http://127.0.0.1:{port}/mcp',
    transport: 'stdio',
    era: 'modern',
    scenarios: 'gw-propagate-add',
    // One cause, one failure: what depended on the connection is untested.
    expect: { 'gw-propagate-add': { 'target-connects': 'fail', 'target-survives': 'untested' } },
    code: 1,
  },
  {
    name: 'supergateway-stdio-sse',
    gateway: `${BIN}supergateway --stdio {server-quoted} --port {port}`,
    downstream: 'http://127.0.0.1:{port}/sse',
    transport: 'stdio',
    scenarios: 'gw-propagate-add,gw-pool-teardown',
    expect: {
      'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' },
      // supergateway exits when its stdio server exits.
      'gw-pool-teardown': { 'gw-survives-teardown': 'fail', 'target-survives': 'fail' },
    },
    classes: { 'gw-propagate-add': 'forwarder' },
    code: 1,
  },
  {
    name: 'supergateway-stdio-http',
    gateway: `${BIN}supergateway --stdio {server-quoted} --outputTransport streamableHttp --stateful --port {port}`,
    downstream: 'http://127.0.0.1:{port}/mcp',
    transport: 'stdio',
    scenarios: 'gw-propagate-add,gw-pool-teardown',
    expect: {
      'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' },
      // Stays up but never re-spawns its stdio server: its users are left with a dead upstream.
      'gw-pool-teardown': { 'gw-survives-teardown': 'fail', 'target-survives': 'pass' },
    },
    classes: { 'gw-propagate-add': 'forwarder' },
    code: 1,
  },
  ...(['sse', 'http'] as const).map(
    (transport): Case => ({
      name: `supergateway-${transport}-stdio`,
      gateway: `${BIN}supergateway --${transport === 'sse' ? 'sse' : 'streamableHttp'} {url}`,
      downstream: 'stdio',
      transport,
      scenarios: 'gw-propagate-add',
      // Passes lists through (the final list is current) but never tells its users about a change.
      expect: { 'gw-propagate-add': { 'gw-relays-notification': 'fail', 'gw-converges': 'pass' } },
      classes: { 'gw-propagate-add': 'forwarder-drops-notifications' },
      code: 1,
    }),
  ),
];

describe('gateway mode through the built CLI: fixture gateways', () => {
  it.each(FIXTURE_CASES)('$name', async (c) => verify(await runGatewayCase(c), c), 180_000);
});

describe('gateway mode through the built CLI: real gateways from npm', () => {
  it.each(REAL_CASES)('$name', async (c) => verify(await runGatewayCase(c), c), 180_000);

  it('a 2026-07-28 probe is refused by mcp-proxy --no-modern, with the reason in target-connects', async () => {
    const c: Case = {
      name: 'mcp-proxy-no-modern',
      gateway: `${BIN}mcp-proxy --port {port} --server stream --no-modern -- {server}`,
      downstream: 'http://127.0.0.1:{port}/mcp',
      transport: 'stdio',
      downstreamEra: 'modern',
      args: ['--startup-timeout', '3000'],
      scenarios: 'gw-propagate-add',
      expect: { 'gw-propagate-add': { 'target-connects': 'fail' } },
      code: 1,
    };
    const report = await runGatewayCase(c);
    verify(report, c);
    expect(report.options.downstreamEra).toBe('modern');
    const connects = report.cells[0]?.checks.find((check) => check.id === 'target-connects');
    expect(connects?.message).toMatch(/never accepted the probe's 2026-07-28 session downstream.*did not offer pinned/);
  }, 60_000);
});
