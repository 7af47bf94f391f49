import { describe, expect, it } from 'vitest';
import { RunOptionsSchema } from '../../src/config/run-options.js';
import { reproducer } from '../../src/commands/reproduce.js';

const cell = { scenario: 'storm-burst', transport: 'http', era: 'modern', scenarioFile: 'reports/traces/storm-burst.http.modern.scenario.json' } as const;
const builtIn = new Set(['storm-burst']);

describe('the reproduce line of a failed cell', () => {
  it('names the target as given, the judging options that shape a verdict, and the one cell', () => {
    const options = RunOptionsSchema.parse({ client: 'node my client.js {url}', debounce: 50, timeout: 90_000, failOn: 'should', strict: true, jobs: 4, repeat: 3, reporter: ['junit'] });
    expect(reproducer('run', options, builtIn)(cell)).toBe(
      'mcp-notify-check run --client \'node my client.js {url}\' --debounce 50 --timeout 90000 --strict --fail-on should --scenario storm-burst --transport http --era modern',
    );
  });

  it('plays a scenario that is not built in from the copy played beside the trace', () => {
    const options = RunOptionsSchema.parse({ client: 'client' });
    expect(reproducer('run', options, new Set())(cell)).toBe(
      'mcp-notify-check run --client client --scenario-file reports/traces/storm-burst.http.modern.scenario.json --transport http --era modern',
    );
  });

  it('keeps every gateway option, a header that reads the environment, and never a literal header value', () => {
    const options = RunOptionsSchema.parse({
      gateway: 'gw --port {port}',
      downstream: 'http://127.0.0.1:{port}/mcp',
      downstreamEra: 'legacy',
      gatewayConfig: { stdio: 'a.json', http: 'b.json' },
      setup: './register.sh',
      header: ['Authorization: Bearer ${TOKEN}', 'X-Key: s3cret'],
      probeCall: false,
      startupTimeout: 45_000,
    });
    const line = reproducer('run', options, builtIn)(cell);
    expect(line).toBe(
      'mcp-notify-check run --gateway \'gw --port {port}\' --downstream \'http://127.0.0.1:{port}/mcp\' --downstream-era legacy --gateway-config stdio=a.json,http=b.json ' +
      '--setup ./register.sh --startup-timeout 45000 --header \'Authorization: Bearer ${TOKEN}\' --header \'X-Key: <redacted>\' --no-probe-call --scenario storm-burst --transport http --era modern',
    );
    expect(line).not.toContain('s3cret');
  });

  it('replays demo as demo: the bundled client is not spelled out', () => {
    const options = RunOptionsSchema.parse({ client: '/usr/bin/node /somewhere/dist/examples/reference-client/main.js' });
    expect(reproducer('demo', options, builtIn)(cell)).toBe('mcp-notify-check demo --scenario storm-burst --transport http --era modern');
  });
});
