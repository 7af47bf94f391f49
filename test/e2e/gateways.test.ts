import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${root}node_modules/.bin/`;
const FIXTURES = `${root}dist/test/fixtures/gateways/`;

/** scenario → check id → status: every check of the cell, the cell-wide ones (target-connects, target-cleanup) too. */
type Statuses = Record<string, Record<string, string>>;

interface Case {
  name: string;
  gateway: string;
  downstream: string;
  transport: string;
  /** Default: every gateway scenario. */
  scenarios?: string;
  /** Per scenario, the exact status of every check of its cell; a scenario not named here must not be played. */
  expect: Statuses;
  /** scenario → check id → expected `class` measurement. */
  classes?: Record<string, string>;
  code: number;
  /** The upstream mock's era (default legacy) and the era the probe speaks downstream (default legacy). */
  era?: string;
  downstreamEra?: string;
  args?: string[];
}

/** Every gateway scenario (`list scenarios`): the real gateways play each one they support. */
const GW_SCENARIOS = [
  'gw-propagate-add', 'gw-propagate-remove', 'gw-storm', 'gw-in-flight-list', 'gw-pool-teardown', 'gw-no-downstream-session',
  'gw-relay-before-update', 'gw-capability-off', 'gw-multi-list', 'gw-change-in-window', 'gw-flag-merge', 'gw-debounce-probe',
].join(',');
// gw-change-after-window needs a declared window (--debounce); the fixture gateway tests play it. gw-every-user needs a
// second user (--also-downstream): the every-user cases below play it.

async function runGatewayCase(c: Case): Promise<RunReport> {
  const result = await runCli(
    ['run', '--gateway', c.gateway, '--downstream', c.downstream, '--transport', c.transport, '--scenario', c.scenarios ?? GW_SCENARIOS,
      '--era', c.era ?? 'legacy', '--downstream-era', c.downstreamEra ?? 'legacy', ...(c.args ?? []),
      '--reporter', 'json', '--out', `reports/e2e/${c.name}`, '--quiet'],
    { timeoutMs: 300_000 },
  );
  expect(result.code, result.stderr).toBe(c.code);
  return JSON.parse(result.stdout) as RunReport;
}

function verify(report: RunReport, c: Case): void {
  const statusesOf = (checks: RunReport['cells'][number]['checks']) => Object.fromEntries(checks.map((check) => [check.id, check.status]));
  const played = Object.fromEntries(report.cells.map((each) => [each.scenario, statusesOf(each.checks)]));
  const why = report.cells.flatMap((each) => each.checks.filter((check) => check.status !== 'pass').map((check) => `${each.scenario} ${check.id}: ${check.message}`));
  expect(played, why.join('\n')).toEqual(c.expect);
  for (const [scenario, gatewayClass] of Object.entries(c.classes ?? {})) {
    const relay = report.cells.find((each) => each.scenario === scenario)?.checks.find((each) => each.id === 'gw-relays-notification');
    expect(relay?.measurements.class, scenario).toBe(gatewayClass);
  }
}

/** One cause, one failure: a gateway the probe never connected to fails target-connects, and the rest is untested. */
const NEVER_CONNECTED = {
  'target-connects': 'fail', 'gw-relays-notification': 'untested', 'gw-converges': 'untested', 'target-survives': 'untested', 'target-cleanup': 'pass',
};

/** A cell's statuses: target-connects first and target-cleanup last pass around the scenario's own checks. */
const cell = (checks: Record<string, string>): Record<string, string> => ({ 'target-connects': 'pass', ...checks, 'target-cleanup': 'pass' });

/**
 * A gateway that passes its users' lists through has no refresh of its own: the debounce cases end current, and the
 * probe has no policy to measure (its users' final list is still judged).
 */
const NO_POLICY: Statuses = {
  'gw-change-in-window': cell({ 'gw-converges': 'pass', 'target-survives': 'pass' }),
  'gw-flag-merge': cell({ 'gw-converges': 'pass', 'target-survives': 'pass' }),
  'gw-debounce-probe': cell({ 'gw-debounce-window': 'untested', 'gw-converges': 'pass', 'target-survives': 'pass' }),
};

/**
 * A forwarder that relays every upstream change (mcp-proxy; supergateway with a stdio upstream): it passes the
 * propagation scenarios, gw-coalesces only reports it (it coalesces nothing, it forwards), and a notification its upstream
 * sends without advertising listChanged is relayed and reported (info). What differs per gateway is its teardown.
 */
function forwarder(teardown: Record<string, string>, overrides: Statuses = {}): Statuses {
  return {
    'gw-propagate-add': cell({ 'gw-relays-notification': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-propagate-remove': cell({ 'gw-relays-notification': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-storm': cell({ 'gw-coalesces': 'info', 'gw-relays-notification': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-in-flight-list': cell({ 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-pool-teardown': cell(teardown),
    'gw-no-downstream-session': cell({ 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-relay-before-update': cell({ 'gw-relay-after-update': 'pass', 'gw-relays-notification': 'pass', 'target-survives': 'pass' }),
    'gw-capability-off': cell({ 'gw-relays-notification': 'info', 'target-survives': 'pass' }),
    'gw-multi-list': cell({ 'gw-converges': 'pass', 'gw-relays-notification': 'pass', 'gw-advertises-list-changed': 'pass', 'target-survives': 'pass' }),
    ...NO_POLICY,
    ...overrides,
  };
}

/**
 * Never re-spawns its stdio server after it exits: its users are left with a dead upstream (the gateway stays up). Their
 * lists then fail, so the final view is unknown: gw-converges is untested, and gw-survives-teardown carries the failure.
 */
const NO_RESPAWN = { 'gw-survives-teardown': 'fail', 'gw-initializes-upstream': 'pass', 'gw-converges': 'untested', 'target-survives': 'pass' };
/** In the 2026-07-28 era there is no initialize: gw-initializes-upstream does not apply (skip). */
const NO_RESPAWN_MODERN = { ...NO_RESPAWN, 'gw-initializes-upstream': 'skip' };

/**
 * supergateway with an HTTP or SSE upstream and a stdio downstream passes lists through (the final list is current) but
 * never tells its users about a change, so whatever waits for a relay is untested. No gw-no-downstream-session: with a
 * stdio downstream the user's session is the gateway process itself.
 */
function dropsNotifications(teardown: Record<string, string>): Statuses {
  return {
    'gw-propagate-add': cell({ 'gw-relays-notification': 'fail', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-propagate-remove': cell({ 'gw-relays-notification': 'fail', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-storm': cell({ 'gw-coalesces': 'untested', 'gw-relays-notification': 'fail', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-in-flight-list': cell({ 'gw-converges': 'pass', 'target-survives': 'pass' }),
    'gw-pool-teardown': cell(teardown),
    'gw-relay-before-update': cell({ 'gw-relay-after-update': 'untested', 'gw-relays-notification': 'fail', 'target-survives': 'pass' }),
    'gw-capability-off': cell({ 'gw-relays-notification': 'info', 'target-survives': 'pass' }),
    // It advertises listChanged downstream and relays nothing: what it advertises is never put to the test.
    'gw-multi-list': cell({ 'gw-converges': 'pass', 'gw-relays-notification': 'fail', 'gw-advertises-list-changed': 'untested', 'target-survives': 'pass' }),
    ...NO_POLICY,
  };
}

const FIXTURE_CASES: Case[] = [
  {
    name: 'fixture-well-behaved',
    gateway: `node ${FIXTURES}well-behaved.js`,
    downstream: 'stdio',
    transport: 'http',
    scenarios: 'gw-propagate-add,gw-storm,gw-pool-teardown,gw-relay-before-update',
    expect: {
      'gw-propagate-add': cell({ 'gw-relays-notification': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }),
      'gw-storm': cell({ 'gw-coalesces': 'pass', 'gw-relays-notification': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }),
      'gw-pool-teardown': cell({ 'gw-survives-teardown': 'pass', 'gw-initializes-upstream': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }),
      'gw-relay-before-update': cell({ 'gw-relay-after-update': 'pass', 'gw-relays-notification': 'pass', 'target-survives': 'pass' }),
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
    expect: { 'gw-propagate-add': cell({ 'gw-relays-notification': 'fail', 'gw-converges': 'fail', 'target-survives': 'pass' }) },
    classes: { 'gw-propagate-add': 'snapshot' },
    code: 1,
  },
  {
    name: 'fixture-relay-first',
    gateway: `node ${FIXTURES}relay-first.js`,
    downstream: 'stdio',
    transport: 'sse',
    scenarios: 'gw-relay-before-update',
    expect: { 'gw-relay-before-update': cell({ 'gw-relay-after-update': 'fail', 'gw-relays-notification': 'pass', 'target-survives': 'pass' }) },
    code: 1,
  },
  {
    name: 'fixture-dies-on-teardown',
    gateway: `node ${FIXTURES}dies-on-teardown.js`,
    downstream: 'stdio',
    transport: 'http',
    scenarios: 'gw-pool-teardown',
    expect: {
      'gw-pool-teardown': cell({ 'gw-survives-teardown': 'fail', 'gw-initializes-upstream': 'pass', 'gw-converges': 'untested', 'target-survives': 'fail' }),
    },
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
      // mcp-proxy does not re-spawn its stdio server after it exits.
      expect: forwarder(NO_RESPAWN),
      classes: { 'gw-propagate-add': 'forwarder', 'gw-storm': 'forwarder', 'gw-capability-off': 'forwarder' },
      code: 1,
    }),
  ),
  // mcp-proxy serves 2026-07-28 beside the 2025 revisions downstream, and speaks either to its stdio server
  // (--upstreamProtocol): a change crosses the bridge whichever way round the eras are.
  {
    name: 'mcp-proxy-legacy-to-modern',
    gateway: `${BIN}mcp-proxy --port {port} --server stream --upstreamProtocol legacy -- {server}`,
    downstream: 'http://127.0.0.1:{port}/mcp',
    transport: 'stdio',
    era: 'legacy',
    downstreamEra: 'modern',
    expect: forwarder(NO_RESPAWN),
    // An announcement its 2025 upstream sends without listChanged reaches no 2026-07-28 listen stream downstream.
    classes: { 'gw-propagate-add': 'forwarder', 'gw-storm': 'forwarder', 'gw-capability-off': 'forwarder-drops-notifications' },
    code: 1,
  },
  ...([
    ['legacy', 'modern'],
    ['modern', 'auto'],
  ] as const).map(
    ([downstreamEra, upstreamProtocol]): Case => ({
      name: `mcp-proxy-modern-to-${downstreamEra}`,
      gateway: `${BIN}mcp-proxy --port {port} --server stream --upstreamProtocol ${upstreamProtocol} -- {server}`,
      downstream: 'http://127.0.0.1:{port}/mcp',
      transport: 'stdio',
      era: 'modern',
      downstreamEra,
      // 2026-07-28 upstream: no initialize to judge, and a list the listen acknowledgement left out is never announced.
      expect: forwarder(NO_RESPAWN_MODERN, { 'gw-capability-off': cell({ 'gw-relays-notification': 'untested', 'target-survives': 'pass' }) }),
      classes: { 'gw-propagate-add': 'forwarder', 'gw-storm': 'forwarder' },
      code: 1,
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
    expect: { 'gw-propagate-add': NEVER_CONNECTED },
    code: 1,
  },
  {
    name: 'supergateway-stdio-sse',
    gateway: `${BIN}supergateway --stdio {server-quoted} --port {port}`,
    downstream: 'http://127.0.0.1:{port}/sse',
    transport: 'stdio',
    // supergateway exits when its stdio server exits.
    expect: forwarder({ ...NO_RESPAWN, 'target-survives': 'fail' }),
    classes: { 'gw-propagate-add': 'forwarder', 'gw-storm': 'forwarder', 'gw-capability-off': 'forwarder' },
    code: 1,
  },
  {
    name: 'supergateway-stdio-http',
    gateway: `${BIN}supergateway --stdio {server-quoted} --outputTransport streamableHttp --stateful --port {port}`,
    downstream: 'http://127.0.0.1:{port}/mcp',
    transport: 'stdio',
    // Stays up but never re-spawns its stdio server: its users are left with a dead upstream.
    expect: forwarder(NO_RESPAWN),
    classes: { 'gw-propagate-add': 'forwarder', 'gw-storm': 'forwarder', 'gw-capability-off': 'forwarder' },
    code: 1,
  },
  {
    name: 'supergateway-sse-stdio',
    gateway: `${BIN}supergateway --sse {url}`,
    downstream: 'stdio',
    transport: 'sse',
    // When the mock drops its SSE stream it opens a new one, a new legacy session, and uses it without initialize.
    expect: dropsNotifications({ 'gw-survives-teardown': 'pass', 'gw-initializes-upstream': 'fail', 'gw-converges': 'pass', 'target-survives': 'pass' }),
    classes: { 'gw-propagate-add': 'forwarder-drops-notifications', 'gw-storm': 'forwarder-drops-notifications' },
    code: 1,
  },
  {
    name: 'supergateway-http-stdio',
    gateway: `${BIN}supergateway --streamableHttp {url}`,
    downstream: 'stdio',
    transport: 'http',
    // After the mock ends its session (404) it never opens another.
    expect: dropsNotifications(NO_RESPAWN),
    classes: { 'gw-propagate-add': 'forwarder-drops-notifications', 'gw-storm': 'forwarder-drops-notifications' },
    code: 1,
  },
  // Two users of one gateway in front of one stdio server: each is told, whichever of them owns the upstream session.
  ...[
    { name: 'mcp-proxy-every-user', gateway: `${BIN}mcp-proxy --port {port} --server stream -- {server}`, path: 'mcp' },
    { name: 'supergateway-every-user', gateway: `${BIN}supergateway --stdio {server-quoted} --port {port}`, path: 'sse' },
  ].map(({ name, gateway, path }): Case => ({
    name,
    gateway,
    downstream: `http://127.0.0.1:{port}/${path}`,
    transport: 'stdio',
    scenarios: 'gw-every-user',
    args: ['--also-downstream', `http://127.0.0.1:{port}/${path}`],
    expect: { 'gw-every-user': cell({ 'gw-tells-every-user': 'pass', 'gw-relays-notification': 'pass', 'gw-converges': 'pass', 'target-survives': 'pass' }) },
    code: 0,
  })),
];

describe('gateway mode through the built CLI: fixture gateways', () => {
  it.each(FIXTURE_CASES)('$name', async (c) => verify(await runGatewayCase(c), c), 180_000);
});

describe('gateway mode through the built CLI: real gateways from npm', () => {
  it.each(REAL_CASES)('$name', async (c) => verify(await runGatewayCase(c), c), 300_000);

  it('a 2026-07-28 probe is refused by mcp-proxy --no-modern, with the reason in target-connects', async () => {
    const c: Case = {
      name: 'mcp-proxy-no-modern',
      gateway: `${BIN}mcp-proxy --port {port} --server stream --no-modern -- {server}`,
      downstream: 'http://127.0.0.1:{port}/mcp',
      transport: 'stdio',
      downstreamEra: 'modern',
      args: ['--startup-timeout', '3000'],
      scenarios: 'gw-propagate-add',
      expect: { 'gw-propagate-add': NEVER_CONNECTED },
      code: 1,
    };
    const report = await runGatewayCase(c);
    verify(report, c);
    expect(report.options.downstreamEra).toBe('modern');
    const connects = report.cells[0]?.checks.find((check) => check.id === 'target-connects');
    expect(connects?.message).toMatch(/never accepted the probe's 2026-07-28 session downstream.*did not offer pinned/);
  }, 60_000);
});
