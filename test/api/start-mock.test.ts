import { createServer } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
// The package by its name, as a user's test suite imports it (the built copy: npm test builds first).
import { HarnessError, type MockHandle, startMock, type StepInput, type TraceEvent } from 'mcp-notify-check';

/** A stream that carries a session's unsolicited notifications: Streamable HTTP's GET stream, or the SSE stream. */
const notifiable = (event: TraceEvent) => event.kind === 'stream-opened' && (event.role === 'standalone' || event.role === 'sse');

/** An SDK client connected to the mock, and a promise of the first tools/list_changed it receives. */
async function connect(mock: MockHandle, transport: 'http' | 'sse') {
  const client = new Client({ name: 'api-test', version: '1.0.0' });
  const changed = new Promise<void>((resolve) => {
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve());
  });
  // Legacy HTTP+SSE is one of the transports under test, deprecated or not.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  await client.connect(transport === 'http' ? new StreamableHTTPClientTransport(new URL(mock.url)) : new SSEClientTransport(new URL(mock.url)));
  // The SDK opens Streamable HTTP's GET stream after `initialized`, on its own time: a notification sent before it is lost.
  await mock.waitForEvent(notifiable);
  return { client, changed };
}

/** Resolves true when `port` on the loopback can be listened on again. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The admin API's answer to `POST path` with `body`: status and JSON. */
async function admin(mock: MockHandle, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${mock.admin.url}${path}`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${mock.admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe.each(['http', 'sse'] as const)('startMock() on %s', (transport) => {
  it('adds a tool with notify: a real SDK client is told, and its next tools/list has the tool', async () => {
    await using mock = await startMock({ transport });
    expect(mock.url).toMatch(transport === 'http' ? /^http:\/\/127\.0\.0\.1:\d+\/mcp$/ : /^http:\/\/127\.0\.0\.1:\d+\/sse$/);
    const { client, changed } = await connect(mock, transport);
    const before = await client.listTools();
    expect(before.tools.map((tool) => tool.name)).toEqual(['echo', 'add']);

    const [session] = mock.sessions();
    // The seed is revision 0; the add made revision 1 and announced it on the one session's notification stream: on
    // Streamable HTTP its GET stream, the session's second (its initialize POST was the first); on SSE the first stream.
    expect(await mock.addTool({ name: 'fresh', description: 'added by the test' }, { notify: true })).toEqual({
      revision: 1,
      deliveries: [{ session, delivered: true, stream: transport === 'http' ? 'get-2' : 'sse-1' }],
    });
    await changed;
    const after = await client.listTools();
    expect(after.tools.map((tool) => tool.name)).toEqual(['echo', 'add', 'fresh']);
    expect(mock.catalogue().tools.map((tool) => tool.name)).toEqual(['echo', 'add', 'fresh']);
    const sent = mock.journal().filter((event) => event.kind === 'notification');
    expect(sent.map((event) => ({ method: event.method, delivered: event.delivered }))).toEqual([
      { method: 'notifications/tools/list_changed', delivered: true },
    ]);
    await client.close();
  });
});

describe('startMock()', () => {
  it('runs the admin API\'s operations as methods, with the replies the admin API gives', async () => {
    await using mock = await startMock();
    expect(await mock.hold({ method: 'tools/list', count: 2 })).toEqual({ holding: 'tools/list' });
    expect(await mock.release()).toEqual({ released: 0 });
    expect(await mock.fault({ fault: 'drop' })).toEqual({ armed: 'drop', count: 1 });
    expect(await mock.removeTool('add')).toEqual({ revision: 1 });
    expect(await mock.updatePrompt('greet', { description: 'Says hi' })).toEqual({ revision: 2 });
    expect(await mock.notify({ list: 'prompts' })).toEqual({ deliveries: [] });
    expect(await mock.step({ op: 'fail-answers', method: 'prompts/list' })).toEqual({ method: 'prompts/list', failing: true });
    expect(mock.catalogue()).toMatchObject({ revision: 2, tools: [{ name: 'echo' }], prompts: [{ name: 'greet', description: 'Says hi' }] });
    expect(mock.sessions()).toEqual([]);
  });

  it('refuses a step as the admin API refuses it: the same BAD_STEP error, thrown here and a 400 there', async () => {
    await using mock = await startMock();
    const nonsense = mock.step({ op: 'nonsense' } as unknown as StepInput);
    await expect(nonsense).rejects.toBeInstanceOf(HarnessError);
    await expect(nonsense).rejects.toMatchObject({ code: 'BAD_STEP', message: 'step.op: unknown step op "nonsense"' });
    expect(await admin(mock, '/steps', { op: 'nonsense' })).toEqual({ status: 400, json: { error: 'step.op: unknown step op "nonsense"' } });

    const message = 'step.count: Too small: expected number to be >=1';
    await expect(mock.storm({ count: 0 })).rejects.toMatchObject({ code: 'BAD_STEP', message });
    expect(await admin(mock, '/storm', { count: 0 })).toEqual({ status: 400, json: { error: message } });
  });

  it('refuses options serve does not take, and stdio', async () => {
    await expect(startMock({ transport: 'stdio' })).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: 'startMock(): transport: must be a transport reached by URL, such as http or sse',
    });
    await expect(startMock({ trnsport: 'sse' } as never)).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: 'startMock(): Unrecognized key: "trnsport"',
    });
  });

  it('frees its ports on close(), and on leaving an `await using` block', async () => {
    const mock = await startMock();
    const ports = [Number(new URL(mock.url).port), Number(new URL(mock.admin.url).port)];
    expect(await Promise.all(ports.map(portFree))).toEqual([false, false]);
    await mock.close();
    expect(await Promise.all(ports.map(portFree))).toEqual([true, true]);
    // Closing again is a no-op.
    await mock.close();

    const scopedPort = async () => {
      await using scoped = await startMock({ transport: 'sse' });
      const port = Number(new URL(scoped.url).port);
      expect(await portFree(port)).toBe(false);
      return port;
    };
    expect(await portFree(await scopedPort())).toBe(true);
  });
});
