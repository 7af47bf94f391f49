import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/judging/judge.js';
import type { RunReport } from '../../src/judging/run-report.js';
import { readTrace } from '../../src/trace/file.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = `${root}dist/test/fixtures/gateways/`;
const TEMPLATES = `${root}test/fixtures/gateways/`;
/** The fixture HTTP gateway's bearer token: read by the gateway from its environment, by the harness through ${…}. */
const TOKEN = 'fixture-token-2b9d41c7e3';
process.env.FIXTURE_GATEWAY_TOKEN = TOKEN;
const AUTH = ['--header', 'Authorization: Bearer ${FIXTURE_GATEWAY_TOKEN}'];
/** Registers the mock as a virtual server (waiting for the gateway with curl's retries) and prints its id for {server_id}. */
const REGISTER =
  'curl -sf --retry 20 --retry-connrefused --retry-delay 1 -H "Authorization: Bearer $FIXTURE_GATEWAY_TOKEN" ' +
  '-H "content-type: application/json" -d "{\\"url\\":\\"$MCP_NOTIFY_CHECK_URL\\",\\"transport\\":\\"$MCP_NOTIFY_CHECK_TRANSPORT\\"}" ' +
  'http://127.0.0.1:{port}/servers | sed -n "s/.*\\"id\\":\\"\\([0-9a-f]*\\)\\".*/@mcp-notify-check set server_id=\\1/p"';

interface Case {
  name: string;
  args: string[];
  code: number;
  /** scenario → the exact ids of the checks every cell of it fails (each run of --repeat): a new failure shows. */
  failing?: Record<string, string[]>;
  /** scenario → check id → expected status, for statuses other than fail (untested, info). */
  expect?: Record<string, Record<string, string>>;
  /** scenario → the `class` measurement gw-relays-notification reports. */
  classes?: Record<string, string>;
  /** scenario → the class every trace of that scenario shows (each run of --repeat, and any re-run). */
  everyRun?: Record<string, string>;
  /** scenario → check id → text its message must contain. */
  messages?: Record<string, Record<string, string>>;
  /** scenario → check id → measurement → its exact value. */
  measurements?: Record<string, Record<string, Record<string, unknown>>>;
  /** scenario → check id → measurement → [min, max]. */
  ranges?: Record<string, Record<string, Record<string, [number, number]>>>;
  /** Text the run's harness error (`CODE: message — hint`) must contain. */
  error?: string[];
  /** How many requests the gateway refused (it counts them with --refusals): one, where a refusal must not be retried. */
  refusals?: number;
  /** transport → text the reason for its excluded cells must contain. */
  excluded?: Record<string, string>;
}

/** What went wrong, for an assertion message: the harness error, or every check that did not pass. */
function explain(report: RunReport | undefined, stderr: string): string {
  if (!report) return stderr;
  const error = report.error ? [`${report.error.code}: ${report.error.message}`] : [];
  const checks = report.cells.flatMap((cell) => cell.checks.filter((check) => check.status !== 'pass').map((check) => `${cell.scenario} ${check.id}: ${check.message}`));
  return [...error, ...checks].join('\n');
}

/** Where the fixture HTTP gateway of a case writes one line per request it refused. */
const refusalsOf = (name: string) => `${root}reports/e2e/${name}.refusals`;

async function runCase(c: Case): Promise<{ report: RunReport | undefined; stderr: string; out: string }> {
  const out = `${root}reports/e2e/${c.name}`;
  rmSync(out, { recursive: true, force: true });
  rmSync(refusalsOf(c.name), { force: true });
  const result = await runCli(['run', ...c.args, '--reporter', 'json', '--out', out, '--quiet'], { timeoutMs: 120_000 });
  const report = result.stdout ? (JSON.parse(result.stdout) as RunReport) : undefined;
  expect(result.code, explain(report, result.stderr)).toBe(c.code);
  return { report, stderr: result.stderr, out };
}

async function verify(c: Case): Promise<void> {
  const { report, stderr, out } = await runCase(c);
  const error = report?.error ? `${report.error.code}: ${report.error.message} — ${report.error.hint ?? ''}` : '';
  for (const text of c.error ?? []) expect(error).toContain(text);
  if (c.refusals !== undefined) {
    const refused = existsSync(refusalsOf(c.name)) ? readFileSync(refusalsOf(c.name), 'utf8').trim().split('\n') : [];
    expect(refused, 'requests the gateway refused').toHaveLength(c.refusals);
  }
  // The exact failing set of every cell (each run of --repeat, each transport): a case names every scenario it plays.
  const failingBy: Record<string, string[][]> = {};
  for (const each of report?.cells ?? []) {
    const ids = each.checks.filter((check) => check.status === 'fail').map((check) => check.id);
    const sets = (failingBy[each.scenario] ??= []);
    if (!sets.some((set) => JSON.stringify(set) === JSON.stringify(ids))) sets.push(ids);
  }
  const expectedBy = Object.fromEntries(Object.entries(c.failing ?? {}).map(([scenario, ids]) => [scenario, [ids]]));
  expect(failingBy, explain(report, stderr)).toEqual(expectedBy);
  const cell = (scenario: string) => report?.cells.find((each) => each.scenario === scenario);
  for (const [scenario, checks] of Object.entries(c.expect ?? {})) {
    for (const [id, status] of Object.entries(checks)) {
      const check = cell(scenario)?.checks.find((each) => each.id === id);
      expect(check?.status, `${scenario} ${id}: ${check?.message ?? 'missing'}`).toBe(status);
    }
  }
  for (const [scenario, gatewayClass] of Object.entries(c.classes ?? {})) {
    const relay = cell(scenario)?.checks.find((each) => each.id === 'gw-relays-notification');
    expect(relay?.measurements.class, `${scenario}: ${relay?.message ?? 'missing'}`).toBe(gatewayClass);
  }
  for (const [scenario, checks] of Object.entries(c.messages ?? {})) {
    for (const [id, text] of Object.entries(checks)) {
      expect(cell(scenario)?.checks.find((each) => each.id === id)?.message).toContain(text);
    }
  }
  for (const [scenario, checks] of Object.entries(c.measurements ?? {})) {
    for (const [id, values] of Object.entries(checks)) {
      const check = cell(scenario)?.checks.find((each) => each.id === id);
      for (const [name, value] of Object.entries(values)) expect(check?.measurements[name], `${scenario} ${id} ${name}: ${check?.message ?? 'missing'}`).toBe(value);
    }
  }
  for (const [scenario, checks] of Object.entries(c.ranges ?? {})) {
    for (const [id, measurements] of Object.entries(checks)) {
      const check = cell(scenario)?.checks.find((each) => each.id === id);
      for (const [name, [min, max]] of Object.entries(measurements)) {
        const value = check?.measurements[name];
        expect(typeof value === 'number' && value >= min && value <= max, `${scenario} ${id} ${name} = ${String(value)}`).toBe(true);
      }
    }
  }
  for (const [transport, reason] of Object.entries(c.excluded ?? {})) {
    expect(report?.excluded.find((each) => each.transport === transport)?.reason, transport).toContain(reason);
    expect(report?.cells.some((each) => each.transport === transport), transport).toBe(false);
  }
  for (const [scenario, gatewayClass] of Object.entries(c.everyRun ?? {})) {
    // Every trace of the scenario, re-runs included, judged again: the class gw-relays-notification reports for each.
    const files = readdirSync(join(out, 'traces')).filter((file) => file.startsWith(`${scenario}.`) && file.endsWith('.jsonl'));
    const classes = await Promise.all(files.map(async (file) =>
      judge(await readTrace(join(out, 'traces', file))).find((check) => check.id === 'gw-relays-notification')?.measurements.class));
    expect(classes.length, scenario).toBeGreaterThan(0);
    expect(classes, `${scenario}: ${files.join(', ')}`).toEqual(classes.map(() => gatewayClass));
  }
  // A header value never reaches a report, a trace or a message.
  const traces = report ? readdirSync(join(out, 'traces')).map((file) => readFileSync(join(out, 'traces', file), 'utf8')) : [];
  for (const text of [stderr, JSON.stringify(report ?? {}), ...traces]) expect(text.includes(TOKEN)).toBe(false);
}

/** `--no-probe-call` as a config-file key: `probeCall: false`. */
const NO_CALL_CONFIG = `${root}reports/e2e/no-probe-call.json`;
mkdirSync(`${root}reports/e2e`, { recursive: true });
writeFileSync(NO_CALL_CONFIG, JSON.stringify({ probeCall: false }));

/** The gateway debounce cases of ContextForge's #3734, and the probe. */
const DEBOUNCE_SCENARIOS = 'gw-change-in-window,gw-flag-merge,gw-change-after-window,gw-debounce-probe';
const stdioFixture = (name: string) => ['--gateway', `node ${FIXTURES}${name}.js`, '--downstream', 'stdio'];
const httpFixture = (flags: string, path = 'mcp') => ['--gateway', `node ${FIXTURES}http-gateway.js --port {port} ${flags}`, '--downstream', `http://127.0.0.1:{port}/${path}`];

/** One fixture per behaviour class real gateways show; gw-storm runs twice, and every run must show the same class. */
const CLASS_CASES: Case[] = [
  {
    name: 'fixture-renaming',
    args: [...stdioFixture('renaming'), '--transport', 'http', '--scenario', 'gw-propagate-add,gw-storm', '--repeat', '2'],
    expect: { 'gw-propagate-add': { 'gw-converges': 'pass' }, 'gw-storm': { 'gw-converges': 'pass', 'gw-coalesces': 'pass' } },
    classes: { 'gw-propagate-add': 'refreshing' },
    everyRun: { 'gw-storm': 'refreshing' },
    failing: { 'gw-propagate-add': [], 'gw-storm': [] },
    code: 0,
  },
  {
    name: 'fixture-relists-every-notification',
    args: [...stdioFixture('relists-every-notification'), '--transport', 'sse', '--scenario', 'gw-storm', '--repeat', '2'],
    expect: { 'gw-storm': { 'gw-converges': 'pass', 'gw-relays-notification': 'pass' } },
    classes: { 'gw-storm': 'refreshing' },
    everyRun: { 'gw-storm': 'refreshing' },
    // One upstream re-list per notification (20), where a coalescing gateway makes at most 3.
    ranges: { 'gw-storm': { 'gw-coalesces': { 'gatewayRelists.p50': [18, 21], 'downstreamNotifications.p95': [1, 2] } } },
    failing: { 'gw-storm': ['gw-coalesces'] },
    code: 1,
  },
  {
    name: 'fixture-drops-changes-in-window',
    args: [...stdioFixture('drops-changes-in-window'), '--transport', 'stdio', '--scenario', 'gw-propagate-add,gw-storm', '--repeat', '2'],
    expect: { 'gw-propagate-add': { 'gw-converges': 'pass' }, 'gw-storm': { 'gw-coalesces': 'pass' } },
    classes: { 'gw-propagate-add': 'refreshing' },
    everyRun: { 'gw-storm': 'refreshing' },
    failing: { 'gw-propagate-add': [], 'gw-storm': ['gw-converges'] },
    code: 1,
  },
  {
    name: 'fixture-lazy',
    args: [...httpFixture('--lazy'), '--transport', 'http', '--scenario', 'gw-propagate-add,gw-storm', '--repeat', '2'],
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' }, 'gw-storm': { 'gw-converges': 'pass' } },
    classes: { 'gw-propagate-add': 'forwarder' },
    everyRun: { 'gw-storm': 'forwarder' },
    failing: { 'gw-propagate-add': [], 'gw-storm': [] },
    code: 0,
  },
  {
    // Nobody calls a tool, so the lazy gateway never opens an upstream session: the checks say so, and why.
    name: 'fixture-lazy-no-probe-call',
    args: [...httpFixture('--lazy', 'sse'), '--transport', 'sse', '--scenario', 'gw-propagate-add', '--no-probe-call'],
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'untested' } },
    everyRun: { 'gw-propagate-add': 'no-upstream-session' },
    failing: { 'gw-propagate-add': ['gw-converges'] },
    code: 1,
  },
  {
    name: 'fixture-lazy-config-no-probe-call',
    args: [...httpFixture('--lazy'), '--transport', 'http', '--scenario', 'gw-propagate-add', '--config', NO_CALL_CONFIG],
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'untested' } },
    everyRun: { 'gw-propagate-add': 'no-upstream-session' },
    failing: { 'gw-propagate-add': ['gw-converges'] },
    code: 1,
  },
  {
    // Lazy, and after the teardown it opens a new upstream session on its user's next call: service comes back.
    name: 'fixture-lazy-reconnects-on-call',
    args: [...httpFixture('--lazy --reconnect-on-call'), '--transport', 'http', '--scenario', 'gw-pool-teardown'],
    expect: { 'gw-pool-teardown': { 'gw-survives-teardown': 'pass', 'gw-converges': 'pass' } },
    messages: { 'gw-pool-teardown': { 'gw-survives-teardown': 'once its user called a tool' } },
    failing: { 'gw-pool-teardown': [] },
    code: 0,
  },
  {
    // One pending refresh per gateway, as ContextForge keeps: a change right after its refresh, or to another list while
    // it runs, is dropped; a change after the declared window is fetched. The probe names the policy and the loss.
    name: 'fixture-shared-refresh-window',
    args: [...stdioFixture('shared-refresh-window'), '--transport', 'stdio', '--scenario', DEBOUNCE_SCENARIOS, '--debounce', '1000'],
    expect: { 'gw-change-after-window': { 'gw-converges': 'pass' }, 'gw-debounce-probe': { 'gw-debounce-window': 'pass' } },
    messages: {
      'gw-change-in-window': { 'gw-converges': 'lacks [' },
      'gw-flag-merge': { 'gw-converges': 'downstream prompts' },
      'gw-debounce-probe': { 'gw-debounce-window': 'leading refresh, window between' },
    },
    measurements: { 'gw-debounce-probe': { 'gw-debounce-window': { policy: 'leading', changesInWindow: 'lost' } } },
    // The probe's last pair loses its second change the same way: its users end one tool short.
    failing: { 'gw-change-in-window': ['gw-converges'], 'gw-flag-merge': ['gw-converges'], 'gw-change-after-window': [], 'gw-debounce-probe': ['gw-converges'] },
    code: 1,
  },
  {
    // Trailing 50 ms debounce, one refresh per list: keeps every change, and matches a declared 50 ms window.
    name: 'fixture-well-behaved-debounce',
    args: [...stdioFixture('well-behaved'), '--transport', 'stdio', '--scenario', DEBOUNCE_SCENARIOS, '--debounce', '50'],
    expect: { 'gw-change-after-window': { 'gw-converges': 'pass' }, 'gw-debounce-probe': { 'gw-debounce-window': 'pass' } },
    measurements: { 'gw-debounce-probe': { 'gw-debounce-window': { policy: 'trailing', changesInWindow: 'kept' } } },
    failing: { 'gw-change-in-window': [], 'gw-flag-merge': [], 'gw-change-after-window': [], 'gw-debounce-probe': [] },
    code: 0,
  },
  {
    // A leading 1 s window per list, judged against a declared 50 ms one: the probe fails, and a change inside is lost.
    name: 'fixture-leading-window-declared',
    args: [...stdioFixture('drops-changes-in-window'), '--transport', 'stdio', '--scenario', 'gw-change-in-window,gw-debounce-probe', '--debounce', '50'],
    messages: { 'gw-debounce-probe': { 'gw-debounce-window': 'declared a 50 ms window (±100 ms); measured leading refresh' } },
    failing: { 'gw-change-in-window': ['gw-converges'], 'gw-debounce-probe': ['gw-debounce-window', 'gw-converges'] },
    code: 1,
  },
  {
    // Lazy, and it keeps the dead upstream session: its user's calls fail for good.
    name: 'fixture-lazy-never-reconnects',
    args: [...httpFixture('--lazy'), '--transport', 'stdio', '--scenario', 'gw-pool-teardown'],
    messages: { 'gw-pool-teardown': { 'gw-survives-teardown': 'never connected upstream again after the exit-process' } },
    // Its user's lists fail from then on: the final view is unknown, and the one failure is gw-survives-teardown's.
    expect: { 'gw-pool-teardown': { 'gw-converges': 'untested' } },
    failing: { 'gw-pool-teardown': ['gw-survives-teardown'] },
    code: 1,
  },
  {
    // Keeps bare capabilities downstream (no listChanged) and relays anyway: everything else about it is right.
    name: 'fixture-relays-unadvertised',
    args: [...stdioFixture('relays-unadvertised'), '--transport', 'stdio', '--scenario', 'gw-multi-list'],
    expect: { 'gw-multi-list': { 'gw-converges': 'pass', 'gw-relays-notification': 'pass' } },
    messages: { 'gw-multi-list': { 'gw-advertises-list-changed': 'it relayed changes to [tools, resources, prompts] without advertising listChanged for them' } },
    failing: { 'gw-multi-list': ['gw-advertises-list-changed'] },
    code: 1,
  },
  {
    name: 'fixture-well-behaved-advertises',
    args: [...stdioFixture('well-behaved'), '--transport', 'stdio', '--scenario', 'gw-multi-list'],
    expect: { 'gw-multi-list': { 'gw-advertises-list-changed': 'pass' } },
    failing: { 'gw-multi-list': [] },
    code: 0,
  },
  {
    // Re-connects after the teardown as if resuming: the new upstream session's first request is tools/list.
    name: 'fixture-resumes-without-initialize',
    args: [...stdioFixture('resumes-without-initialize'), '--transport', 'stdio', '--scenario', 'gw-pool-teardown'],
    messages: { 'gw-pool-teardown': { 'gw-initializes-upstream': '1 of 2 upstream session(s) were used without initialize' } },
    failing: { 'gw-pool-teardown': ['gw-initializes-upstream'] },
    code: 1,
  },
  {
    // One upstream session for every user, opened by the first: the second user, on the same URL, is never told.
    name: 'fixture-shared-upstream',
    args: [
      ...httpFixture('--shared-upstream'), '--also-downstream', 'http://127.0.0.1:{port}/mcp', '--transport', 'http', '--scenario', 'gw-every-user',
    ],
    expect: { 'gw-every-user': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' } },
    messages: { 'gw-every-user': { 'gw-tells-every-user': 'B (--also-downstream) never told of the tools change, while A (--downstream) was' } },
    failing: { 'gw-every-user': ['gw-tells-every-user'] },
    code: 1,
  },
  {
    // Two workers, each its own process on its own port ({port2}), each user with its own upstream session: both told.
    name: 'fixture-two-workers',
    args: [
      '--gateway', `node ${FIXTURES}http-gateway.js --port {port2} & exec node ${FIXTURES}http-gateway.js --port {port}`,
      '--downstream', 'http://127.0.0.1:{port}/mcp', '--also-downstream', 'http://127.0.0.1:{port2}/sse', '--transport', 'sse',
      '--scenario', 'gw-every-user',
    ],
    measurements: { 'gw-every-user': { 'gw-tells-every-user': { 'users': 2, 'tools.told': 2, 'tools.current': 2, 'tools.upstreamSessionsTold': 2 } } },
    failing: { 'gw-every-user': [] },
    code: 0,
  },
];

/** Reaching a gateway: credentials, setup outputs, per-transport configuration. */
const ACCESS_CASES: Case[] = [
  {
    name: 'fixture-auth',
    args: [...httpFixture('--auth'), ...AUTH, '--transport', 'http', '--scenario', 'gw-propagate-add', '--catalog-url', 'http://127.0.0.1:{port}/catalog'],
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' } },
    // The catalogue needs the bearer token too: it was read (2xx) and current.
    messages: { 'gw-propagate-add': { 'gw-converges': 'and so does the REST catalogue' } },
    classes: { 'gw-propagate-add': 'forwarder' },
    failing: { 'gw-propagate-add': [] },
    code: 0,
  },
  {
    name: 'fixture-auth-sse',
    args: [...httpFixture('--auth', 'sse'), ...AUTH, '--transport', 'stdio', '--scenario', 'gw-propagate-add'],
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' } },
    failing: { 'gw-propagate-add': [] },
    code: 0,
  },
  {
    name: 'fixture-auth-missing',
    args: [...httpFixture(`--auth --refusals ${refusalsOf('fixture-auth-missing')}`), '--transport', 'http', '--scenario', 'gw-propagate-add'],
    error: ['GATEWAY_REFUSED: the gateway\'s downstream refused the probe with HTTP 401: {"error":"unauthorized"', '--header'],
    // Refused once, stopped at once: not retried until the startup timeout.
    refusals: 1,
    failing: { 'gw-propagate-add': [] },
    code: 2,
  },
  {
    // The gateway echoes the wrong credential in its 403 body; the report shows it masked.
    name: 'fixture-auth-wrong',
    args: [
      ...httpFixture(`--auth --refusals ${refusalsOf('fixture-auth-wrong')}`, 'sse'), '--header', 'Authorization: Bearer not-${FIXTURE_GATEWAY_TOKEN}',
      '--transport', 'http', '--scenario', 'gw-propagate-add',
    ],
    error: ['HTTP 403: {"error":"forbidden","detail":"not a valid credential: [redacted]"}', 'the probe sent Authorization (values not shown)'],
    refusals: 1,
    failing: { 'gw-propagate-add': [] },
    code: 2,
  },
  {
    // The setup hook registers the upstream and prints its id; the probe connects only then, to a URL naming it.
    name: 'fixture-setup-outputs',
    args: [
      ...httpFixture('--auth --lazy', 'servers/{server_id}/mcp'), ...AUTH, '--transport', 'http,sse', '--scenario', 'gw-propagate-add',
      '--setup', REGISTER,
      '--catalog-url', 'http://127.0.0.1:{port}/servers/{server_id}/catalog',
      '--teardown', 'curl -sf -X DELETE -H "Authorization: Bearer $FIXTURE_GATEWAY_TOKEN" http://127.0.0.1:{port}/servers/{server_id}',
    ],
    expect: { 'gw-propagate-add': { 'gw-relays-notification': 'pass', 'gw-converges': 'pass' } },
    messages: { 'gw-propagate-add': { 'gw-converges': 'and so does the REST catalogue' } },
    classes: { 'gw-propagate-add': 'forwarder' },
    failing: { 'gw-propagate-add': [] },
    code: 0,
  },
  {
    name: 'fixture-setup-output-typo',
    args: [...httpFixture('--auth', 'servers/{server-id}/mcp'), ...AUTH, '--transport', 'http', '--scenario', 'gw-propagate-add', '--setup', REGISTER],
    error: ['UNKNOWN_PLACEHOLDER: --downstream uses {server-id}, which has no value in this cell', 'the setup hook set {server_id}'],
    failing: { 'gw-propagate-add': [] },
    code: 2,
  },
  {
    // The fixture reads its upstream from {config} only; sse has no template, so its cell is excluded with a reason.
    name: 'fixture-config-per-transport',
    args: [
      '--gateway', `node ${FIXTURES}well-behaved.js --config {config}`, '--downstream', 'stdio', '--scenario', 'gw-propagate-add',
      '--gateway-config', `stdio=${TEMPLATES}stdio.template.json,http=${TEMPLATES}http.template.json`,
    ],
    expect: { 'gw-propagate-add': { 'gw-converges': 'pass' } },
    excluded: { sse: '--gateway-config has no template for sse upstreams (it gives stdio, http)' },
    failing: { 'gw-propagate-add': [] },
    code: 0,
  },
];

describe('gateway fixtures: each behaviour class, judged by the CLI', () => {
  it.each(CLASS_CASES)('$name', verify, 120_000);
});

describe('gateway access: headers, setup outputs, per-transport configuration', () => {
  it.each(ACCESS_CASES)('$name', verify, 120_000);
});

describe('a scenario that needs a second user of the gateway', () => {
  it('is excluded with its reason when no --also-downstream is given', async () => {
    const args = [...stdioFixture('well-behaved'), '--transport', 'stdio', '--scenario', 'gw-every-user', '--reporter', 'json', '--quiet'];
    const result = await runCli(['run', ...args, '--out', `${root}reports/e2e/one-user`], { timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it needs a second user of the gateway: pass --also-downstream <URL>');
  }, 60_000);
});

describe('a scenario that waits out a declared window', () => {
  it('is excluded with its reason when no --debounce is given, and the empty plan is exit 2', async () => {
    const args = [...stdioFixture('well-behaved'), '--transport', 'stdio', '--scenario', 'gw-change-after-window', '--reporter', 'json', '--quiet'];
    const result = await runCli(['run', ...args, '--out', `${root}reports/e2e/no-window`], { timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('EMPTY_PLAN');
    expect(result.stderr).toContain('it waits out the gateway\'s refresh window, and none was declared: pass --debounce <ms>');
  }, 60_000);
});
