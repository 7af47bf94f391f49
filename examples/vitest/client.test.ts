// A client's tests with mcp-notify-check: copy this file and put your client's command line in CLIENT.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { run, startMock } from 'mcp-notify-check';

// The client under test, run once per cell; {url} is the mock's endpoint. Here: the example client that leaves refreshing
// to the TypeScript SDK's own `listChanged` option (examples/sdk-listchanged-client.ts, built into dist/ by npm test).
const CLIENT = `node ${fileURLToPath(new URL('../../dist/examples/sdk-listchanged-client.js', import.meta.url))} {url}`;

describe('a client that leaves refreshing to the SDK\'s listChanged option', () => {
  it('re-lists after a change, but reads only the first page of a paginated list', async () => {
    const { report, exitCode } = await run({
      client: CLIENT,
      scenario: 'refresh-on-add,paginated-refresh',
      transport: 'http',
      out: 'reports/examples/client',
    });
    const failing = Object.fromEntries(
      report.cells.map((cell) => [cell.scenario, cell.checks.filter((check) => check.status === 'fail').map((check) => check.id)]),
    );
    expect(failing).toEqual({ 'refresh-on-add': [], 'paginated-refresh': ['follows-pagination', 'converges'] });
    expect(exitCode).toBe(1);
  }, 120_000); // each cell starts the target and plays its scenario: seconds, not milliseconds

  it('shows the same in this process: a tool added on page 2 never reaches the refreshed view', async () => {
    // The mock in this test's own process, two items per page: echo and add on page 1, anything added on page 2.
    await using mock = await startMock({ pageSize: 2 });
    let refreshed: (names: string[]) => void = () => undefined;
    const view = new Promise<string[]>((resolve) => (refreshed = resolve));
    const client = new Client({ name: 'my-client', version: '1.0.0' }, {
      listChanged: { tools: { onChanged: (_error, tools) => refreshed((tools ?? []).map((tool) => tool.name)) } },
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(mock.url)));
    // The SDK opens its GET stream a moment after connecting; a notification sent before that would be lost.
    await mock.waitForEvent((event) => event.kind === 'stream-opened' && event.role === 'standalone');

    await mock.addTool({ name: 'fresh' }, { notify: true });
    // A client that follows nextCursor would see ['echo', 'add', 'fresh'].
    expect(await view).toEqual(['echo', 'add']);
    await client.close();
  });
});
