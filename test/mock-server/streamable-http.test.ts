import { afterEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport, type TransportBinding } from '../../src/mock-server/transports/bind.js';
import type { StreamableHttpOptions } from '../../src/mock-server/transports/http/streamable-http.js';
import { connectClient, inbox } from '../helpers/connect.js';
import { INITIALIZE, POST_HEADERS, type RawResponse, rawRequest, rpcError, rpcMessages } from '../helpers/raw-http.js';
import { notificationReady } from '../helpers/ready.js';

const LIST_CHANGED = 'notifications/tools/list_changed';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(
  options: StreamableHttpOptions = {},
): Promise<{ mock: MockServer; binding: TransportBinding; url: string }> {
  const mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } });
  const binding = await bindTransport('http', mock, options);
  cleanups.push(async () => {
    await binding.close();
    await mock.close();
  });
  return { mock, binding, url: binding.url ?? '' };
}

async function initialize(url: string): Promise<string> {
  const res = await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: INITIALIZE });
  expect(res.status).toBe(200);
  return String(res.headers['mcp-session-id']);
}

/** An initialized session: `initialize`, then `notifications/initialized`, as a real client does. */
async function initialized(url: string): Promise<string> {
  const session = await initialize(url);
  const res = await postTo(url, session, { jsonrpc: '2.0', method: 'notifications/initialized' });
  expect(res.status).toBe(202);
  return session;
}

function postTo(url: string, session: string, body: unknown): Promise<RawResponse> {
  return rawRequest(url, {
    method: 'POST',
    headers: { ...POST_HEADERS, 'mcp-session-id': session },
    body: JSON.stringify(body),
  });
}

const METHOD_NOT_FOUND = { code: -32601, message: 'Method not found' };

describe.each(['sse', 'json'] as const)('Streamable HTTP unknown methods (%s responses)', (responseMode) => {
  // Object.prototype's own keys are in the list: a lookup in a plain object would find them.
  it.each(['foo/bar', 'logging/setLevel', 'completion/complete', 'constructor', '__proto__'])(
    'answers %s with -32601 (method not found)',
    async (method) => {
      const { url } = await serve({ responseMode });
      const session = await initialized(url);
      const res = await postTo(url, session, { jsonrpc: '2.0', id: 9, method });
      expect(res.status).toBe(200);
      expect(rpcMessages(res)).toEqual([{ jsonrpc: '2.0', id: 9, error: METHOD_NOT_FOUND }]);
    },
  );

  it('answers each request of a batch [unknown, ping]', async () => {
    const { url, mock } = await serve({ responseMode });
    const session = await initialized(url);
    const mark = mock.journal.size;
    const res = await postTo(url, session, [
      { jsonrpc: '2.0', id: 1, method: 'foo/bar' },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
    ]);
    expect(res.status).toBe(200);
    expect(rpcMessages(res)).toEqual([
      { jsonrpc: '2.0', id: 1, error: METHOD_NOT_FOUND },
      { jsonrpc: '2.0', id: 2, result: {} },
    ]);
    const sent = mock.journal.ofKind('frame-sent').filter((event) => event.seq >= mark);
    expect(sent.map((event) => event.message)).toEqual(rpcMessages(res));
  });
});

describe('Streamable HTTP resumability', () => {
  it('replays a notification sent while the GET stream was down when the client resumes with Last-Event-ID', async () => {
    const { mock, binding } = await serve({ eventStore: true, retryMs: 20 });
    const client = await connectClient(binding);
    cleanups.push(() => client.close());
    const notes = inbox(client);
    await notificationReady(mock, 'http');
    const mark = mock.journal.size;

    expect(mock.dropStream()).toHaveLength(1);
    mock.add('tools', { name: 'while-down' });
    const [delivery] = mock.notify('tools');
    expect(delivery).toMatchObject({
      delivered: false,
      reason: 'no standalone GET stream open',
      stored: true,
    });

    await notes.waitFor(LIST_CHANGED);
    const resumed = mock.journal.ofKind('stream-opened').filter((event) => event.seq > mark);
    expect(resumed).toEqual([expect.objectContaining({ role: 'standalone', lastEventId: '0' })]);
    const replayed = mock.journal.ofKind('frame-sent').filter((event) => event.replay);
    expect(replayed).toEqual([
      expect.objectContaining({ eventId: '1', message: { jsonrpc: '2.0', method: LIST_CHANGED } }),
    ]);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('while-down');
  });

  it('loses a notification sent while the GET stream was down without an event store, and journals delivered:false', async () => {
    const { mock, binding } = await serve({ eventStore: false });
    const client = await connectClient(binding);
    cleanups.push(() => client.close());
    const notes = inbox(client);
    await notificationReady(mock, 'http');
    const mark = mock.journal.size;

    mock.dropStream();
    expect(mock.notify('tools')).toEqual([
      expect.objectContaining({ delivered: false, reason: 'no standalone GET stream open' }),
    ]);
    // The client reconnects; a later notification arrives, the lost one never does.
    await notificationReady(mock, 'http', mark);
    mock.notify('tools');
    await notes.waitFor(LIST_CHANGED);
    expect(notes.methods.filter((method) => method === LIST_CHANGED)).toHaveLength(1);
    expect(mock.journal.ofKind('frame-sent').some((event) => event.replay)).toBe(false);
    const lost = mock.journal.ofKind('notification').filter((event) => !event.delivered);
    expect(lost).toEqual([expect.objectContaining({ reason: 'no standalone GET stream open' })]);
  });
});

describe('Streamable HTTP protocol edges', () => {
  it('answers in one JSON body in JSON response mode', async () => {
    const { url } = await serve({ responseMode: 'json' });
    const res = await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: INITIALIZE });
    expect(res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(res.body)).toMatchObject({ id: 1, result: { protocolVersion: '2025-11-25' } });
  });

  it('refuses requests it cannot accept with the status the spec names', async () => {
    const { url, mock } = await serve();
    const post = (headers: Record<string, string>, body = INITIALIZE) =>
      rawRequest(url, { method: 'POST', headers, body });
    expect((await post({ 'content-type': 'application/json', 'accept': 'application/json' })).status).toBe(406);
    expect((await post({ ...POST_HEADERS, 'content-type': 'text/plain' })).status).toBe(415);
    const bad = await post(POST_HEADERS, '{not json');
    expect(bad.status).toBe(400);
    expect(rpcError(bad.body).code).toBe(-32700);
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((await post(POST_HEADERS, list)).status).toBe(400);
    expect((await post({ ...POST_HEADERS, 'mcp-session-id': 'nope' }, list)).status).toBe(404);

    const session = await initialize(url);
    const withSession = { ...POST_HEADERS, 'mcp-session-id': session };
    expect((await post({ ...withSession, 'mcp-protocol-version': '1999-01-01' }, list)).status).toBe(400);
    expect((await post({ ...withSession, 'mcp-protocol-version': '2025-11-25' }, list)).status).toBe(200);
    expect((await post(withSession)).status).toBe(400);

    expect(mock.journal.ofKind('frame-invalid')).toHaveLength(1);
    expect(mock.journal.ofKind('http-rejected').map((event) => event.status)).toEqual([
      406, 415, 400, 400, 404, 400, 400,
    ]);
  });

  it('allows one standalone stream per session (409 for a second) and answers GET 405 when disabled', async () => {
    const { url } = await serve();
    const session = await initialize(url);
    const controller = new AbortController();
    const first = await fetch(url, {
      headers: { 'accept': 'text/event-stream', 'mcp-session-id': session },
      signal: controller.signal,
    });
    expect(first.status).toBe(200);
    const second = await rawRequest(url, {
      headers: { 'accept': 'text/event-stream', 'mcp-session-id': session },
    });
    expect(second.status).toBe(409);
    controller.abort();

    const { url: noGet } = await serve({ allowGet: false });
    const other = await initialize(noGet);
    expect(
      (await rawRequest(noGet, { headers: { 'accept': 'text/event-stream', 'mcp-session-id': other } })).status,
    ).toBe(405);
  });

  it('ends a session on DELETE and answers 404 for it afterwards', async () => {
    const { url, mock } = await serve();
    const session = await initialize(url);
    expect((await rawRequest(url, { method: 'DELETE', headers: { 'mcp-session-id': session } })).status).toBe(
      200,
    );
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const after = await rawRequest(url, {
      method: 'POST',
      headers: { ...POST_HEADERS, 'mcp-session-id': session },
      body: list,
    });
    expect(after.status).toBe(404);
    expect(rpcError(after.body).message).toContain('terminated');
    expect(mock.journal.ofKind('session-closed')).toEqual([
      expect.objectContaining({ reason: 'deleted by client' }),
    ]);
  });
});

describe('Streamable HTTP rejection journal', () => {
  it('names the JSON-RPC method and id of each refused message, whatever the refusal', async () => {
    const { url, mock } = await serve();
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const batch = [
      { jsonrpc: '2.0', id: 3, method: 'foo/bar' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    ];
    // Refused on its headers, before the handler reads the body.
    const notAcceptable = await rawRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify(list),
    });
    expect(notAcceptable.status).toBe(406);
    expect((await postTo(url, 'nope', list)).status).toBe(404);
    const session = await initialized(url);
    const oldVersion = await rawRequest(url, {
      method: 'POST',
      headers: { ...POST_HEADERS, 'mcp-session-id': session, 'mcp-protocol-version': '1999-01-01' },
      body: JSON.stringify(batch),
    });
    expect(oldVersion.status).toBe(400);
    expect((await rawRequest(url, { method: 'DELETE', headers: { 'mcp-session-id': session } })).status).toBe(200);
    expect((await postTo(url, session, list)).status).toBe(404);
    const bad = await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: '{not json' });
    expect(bad.status).toBe(400);

    expect(mock.journal.ofKind('http-rejected').map((event) => [event.status, event.rpc])).toEqual([
      [406, [{ method: 'tools/list', id: 2 }]],
      [404, [{ method: 'tools/list', id: 2 }]],
      [400, [{ method: 'foo/bar', id: 3 }, { method: 'notifications/initialized' }]],
      [404, [{ method: 'tools/list', id: 2 }]],
      [400, undefined],
    ]);
    // Events with the field and without it (as in older traces) validate.
    expect(() => mock.journal.snapshot()).not.toThrow();
  });
});

describe.each(['sse', 'http'] as const)('%s origin protection', (kind) => {
  it('rejects a foreign Origin or a non-local Host with 403 and accepts local ones', async () => {
    const mock = new MockServer();
    const binding = await bindTransport(kind, mock);
    cleanups.push(async () => {
      await binding.close();
      await mock.close();
    });
    const url = binding.url ?? '';
    const headers = kind === 'http' ? POST_HEADERS : {};
    const method = kind === 'http' ? 'POST' : 'GET';
    const body = kind === 'http' ? INITIALIZE : undefined;
    const evil = await rawRequest(url, {
      method,
      headers: { ...headers, origin: 'http://evil.example' },
      body,
    });
    expect(evil.status).toBe(403);
    const rebound = await rawRequest(url, { method, headers: { ...headers, host: 'evil.example' }, body });
    expect(rebound.status).toBe(403);
    expect(mock.journal.ofKind('http-rejected').map((event) => event.status)).toEqual([403, 403]);
    if (kind === 'http') {
      const local = await rawRequest(url, {
        method,
        headers: { ...headers, origin: 'http://localhost:3000' },
        body,
      });
      expect(local.status).toBe(200);
    }
  });
});
