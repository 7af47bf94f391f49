import { request } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport } from '../../src/mock-server/transports/bind.js';
import { LineSplitter } from '../../src/mock-server/transports/stdio/lines.js';
import { serveStdio } from '../../src/mock-server/transports/stdio/stdio.js';
import type { CapabilitiesInput } from '../../src/model/catalogue-schema.js';
import type { MockEra } from '../../src/model/words.js';
import { INITIALIZE, POST_HEADERS, rawRequest, type RpcMessage, rpcMessages } from '../helpers/raw-http.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const VERSION = '2026-07-28';
const META = {
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'raw-modern', version: '0' },
};
const SUBSCRIPTION = 'io.modelcontextprotocol/subscriptionId';

function rpc(id: number | string, method: string, params: Record<string, unknown> = {}) {
  return { jsonrpc: '2.0', id, method, params: { ...params, _meta: META } };
}

/** The headers a modern client sends with a request (Mcp-Name for the named methods). */
function modernHeaders(method: string, name?: string): Record<string, string> {
  return { ...POST_HEADERS, 'mcp-protocol-version': VERSION, 'mcp-method': method, ...(name ? { 'mcp-name': name } : {}) };
}

async function serveHttp(era: MockEra = 'modern', capabilities?: CapabilitiesInput) {
  const mock = new MockServer({ era, catalogue: { tools: [{ name: 'alpha' }], prompts: [{ name: 'greet' }] }, ttlMs: 60_000, ...(capabilities ? { capabilities } : {}) });
  const binding = await bindTransport('http', mock, {});
  cleanups.push(async () => {
    await binding.close();
    await mock.close();
  });
  return { mock, url: binding.url ?? '' };
}

function post(url: string, body: unknown, headers: Record<string, string>) {
  return rawRequest(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Opens a listen POST and reads its SSE events as they come. */
function openListen(url: string, id: number | string, notifications: Record<string, unknown>) {
  const events: RpcMessage[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;
  const req = request(url, { method: 'POST', headers: modernHeaders('subscriptions/listen') }, (res) => {
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data:'));
        buffer = buffer.slice(end + 2);
        if (data) events.push(JSON.parse(data.slice(5)) as RpcMessage);
        for (const wake of waiting.splice(0)) wake();
      }
    });
    res.on('close', () => {
      closed = true;
      for (const wake of waiting.splice(0)) wake();
    });
  });
  req.end(JSON.stringify(rpc(id, 'subscriptions/listen', { notifications })));
  cleanups.push(() => void req.destroy());
  const next = async (count: number): Promise<RpcMessage[]> => {
    while (events.length < count && !closed) await new Promise<void>((wake) => waiting.push(wake));
    return events.slice(0, count);
  };
  return { events, next, close: () => req.destroy(), isClosed: () => closed };
}

describe('modern Streamable HTTP (2026-07-28)', () => {
  it('answers server/discover with the supported versions, capabilities and cache hints, on a sessionless POST', async () => {
    const { url } = await serveHttp();
    const res = await post(url, rpc('d1', 'server/discover'), modernHeaders('server/discover'));
    expect(res.status).toBe(200);
    expect(res.headers['mcp-session-id']).toBeUndefined();
    const [answer] = rpcMessages(res);
    expect(answer?.result).toMatchObject({
      resultType: 'complete',
      supportedVersions: [VERSION],
      capabilities: { tools: { listChanged: true } },
      ttlMs: 60_000,
      cacheScope: 'public',
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'mcp-notify-check-mock' } },
    });
  });

  it.each([
    ['no MCP-Protocol-Version', { ...POST_HEADERS, 'mcp-method': 'tools/list' }, -32020],
    ['no Mcp-Method', { ...POST_HEADERS, 'mcp-protocol-version': VERSION }, -32020],
    ['an Mcp-Method that is not the body\'s', modernHeaders('prompts/list'), -32020],
  ])('refuses a request with %s: 400, HeaderMismatch, journaled', async (_why, headers, code) => {
    const { url, mock } = await serveHttp();
    const res = await post(url, rpc(7, 'tools/list'), headers);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ id: 7, error: { code } });
    expect(mock.journal.ofKind('http-rejected').at(-1)).toMatchObject({ status: 400, rpc: [{ method: 'tools/list', id: 7 }] });
  });

  it('checks Mcp-Name against the body, decoding the base64 form', async () => {
    const { url } = await serveHttp();
    const call = rpc(3, 'tools/call', { name: 'alpha', arguments: {} });
    expect((await post(url, call, modernHeaders('tools/call'))).status).toBe(400);
    expect((await post(url, call, modernHeaders('tools/call', 'beta'))).status).toBe(400);
    const encoded = `=?base64?${Buffer.from('alpha').toString('base64')}?=`;
    expect((await post(url, call, modernHeaders('tools/call', encoded))).status).toBe(200);
  });

  it('refuses missing _meta with -32602 and an unknown version with -32022 naming the supported ones', async () => {
    const { url } = await serveHttp();
    const bare = await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }, modernHeaders('tools/list'));
    expect(bare.status).toBe(400);
    expect(JSON.parse(bare.body)).toMatchObject({ error: { code: -32602 } });
    const future = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } };
    const res = await post(url, future, { ...modernHeaders('tools/list'), 'mcp-protocol-version': '2099-01-01' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: -32022, data: { supported: [VERSION], requested: '2099-01-01' } } });
  });

  it('answers an unknown method 404 with -32601, a notification 202, and GET or DELETE 405', async () => {
    const { url } = await serveHttp();
    const unknown = await post(url, rpc(4, 'constructor'), modernHeaders('constructor'));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: -32601 } });
    const cancelled = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 9, _meta: META } };
    expect((await post(url, cancelled, { ...POST_HEADERS, 'mcp-protocol-version': VERSION })).status).toBe(202);
    expect((await rawRequest(url, { method: 'GET', headers: { accept: 'text/event-stream' } })).status).toBe(405);
    expect((await rawRequest(url, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a legacy initialize on a modern-only endpoint with a 400 naming the versions it speaks', async () => {
    const { url } = await serveHttp();
    const res = await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: INITIALIZE });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: -32022, data: { supported: [VERSION], requested: '2025-11-25' } } });
  });

  it('ends nothing on a notifications/cancelled POST: on HTTP a client cancels a listen by closing its stream', async () => {
    const { url, mock } = await serveHttp();
    const stream = openListen(url, 'L', { toolsListChanged: true });
    await stream.next(1);
    const cancelled = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'L', _meta: META } };
    expect((await post(url, cancelled, { ...POST_HEADERS, 'mcp-protocol-version': VERSION })).status).toBe(202);
    expect(mock.notify('tools')).toEqual([expect.objectContaining({ delivered: true })]);
    stream.close();
    await mock.journal.waitFor((event) => event.kind === 'listen-closed', { timeoutMs: 2_000 });
    expect(mock.journal.ofKind('listen-closed')).toEqual([expect.objectContaining({ by: 'client', reason: 'client disconnected' })]);
  });

  it('acknowledges a listen stream first, then sends only what it asked for, each tagged with its id', async () => {
    const { url, mock } = await serveHttp();
    const stream = openListen(url, 'L1', { toolsListChanged: true });
    const [ack] = await stream.next(1);
    expect(ack).toMatchObject({
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: { toolsListChanged: true }, _meta: { [SUBSCRIPTION]: 'L1' } },
    });
    const prompts = mock.notify('prompts');
    expect(prompts).toEqual([expect.objectContaining({ delivered: false, reason: 'listen L1 did not subscribe to promptsListChanged' })]);
    const tools = mock.notify('tools');
    expect(tools).toEqual([expect.objectContaining({ delivered: true, stream: 'listen-1' })]);
    const [, changed] = await stream.next(2);
    expect(changed).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: { [SUBSCRIPTION]: 'L1' } } });
    expect(mock.journal.ofKind('listen-opened')).toEqual([expect.objectContaining({ requested: ['tools'], honoured: ['tools'] })]);
  });

  it('acknowledges only the lists whose changes it announces', async () => {
    const { url } = await serveHttp('modern', { prompts: { listChanged: false } });
    const stream = openListen(url, 1, { toolsListChanged: true, promptsListChanged: true });
    const [ack] = await stream.next(1);
    expect(ack?.params).toMatchObject({ notifications: { toolsListChanged: true } });
    expect((ack?.params as { notifications: object }).notifications).not.toHaveProperty('promptsListChanged');
  });

  it('sends nothing on a listen stream before a delayed acknowledgement, not even its end', async () => {
    const { url, mock } = await serveHttp();
    mock.modern.ackDelayMs = 200;
    const stream = openListen(url, 1, { toolsListChanged: true });
    await mock.journal.waitFor((event) => event.kind === 'listen-opened', { timeoutMs: 2_000 });
    expect(mock.notify('tools')).toEqual([expect.objectContaining({ delivered: false, reason: 'listen 1 not acknowledged yet' })]);
    const [ack] = await stream.next(1);
    expect(ack?.method).toBe('notifications/subscriptions/acknowledged');
    const early = openListen(url, 2, { toolsListChanged: true });
    await mock.journal.waitFor((event) => event.kind === 'listen-opened' && event.subscription === '2', { timeoutMs: 2_000 });
    mock.dropStream(undefined, true);
    await early.next(1);
    expect(early.events).toEqual([]);
  });

  it('ends a listen stream from the server side: with its result when graceful, otherwise by closing it', async () => {
    const { url, mock } = await serveHttp();
    const graceful = openListen(url, 'G', { toolsListChanged: true });
    await graceful.next(1);
    expect(mock.dropStream(undefined, true)).toEqual(['http-modern']);
    const [, result] = await graceful.next(2);
    expect(result).toMatchObject({ jsonrpc: '2.0', id: 'G', result: { resultType: 'complete', _meta: { [SUBSCRIPTION]: 'G' } } });
    const abrupt = openListen(url, 'A', { toolsListChanged: true });
    await abrupt.next(1);
    mock.dropStream(undefined, false);
    await abrupt.next(2);
    expect(abrupt.isClosed()).toBe(true);
    expect(abrupt.events).toHaveLength(1);
    expect(mock.journal.ofKind('listen-closed').map((event) => [event.subscription, event.by, event.reason])).toEqual([
      ['G', 'server', 'ended by server with a result'],
      ['A', 'server', 'dropped by server'],
    ]);
    expect(mock.notify('tools')).toEqual([expect.objectContaining({ delivered: false, reason: 'no subscriptions/listen stream open' })]);
  });

  it('on a dual-era endpoint serves a legacy initialize and a modern request side by side', async () => {
    const { url } = await serveHttp('dual');
    const legacy = await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: INITIALIZE });
    expect(legacy.status).toBe(200);
    expect(legacy.headers['mcp-session-id']).toBeDefined();
    const modern = await post(url, rpc(1, 'server/discover'), modernHeaders('server/discover'));
    expect(rpcMessages(modern)[0]?.result).toMatchObject({ supportedVersions: expect.arrayContaining([VERSION, '2025-11-25']) });
  });

  it('journals the connection as initialized at its first valid request, in the modern era', async () => {
    const { url, mock } = await serveHttp();
    await post(url, rpc(1, 'tools/list'), modernHeaders('tools/list'));
    expect(mock.journal.ofKind('session-initialized')).toEqual([
      expect.objectContaining({ session: 'http-modern', protocolVersion: VERSION, era: 'modern', clientName: 'raw-modern' }),
    ]);
  });
});

describe('modern stdio (2026-07-28)', () => {
  async function serve(era: MockEra) {
    const mock = new MockServer({ era, catalogue: { tools: [{ name: 'alpha' }] } });
    const input = new PassThrough();
    const output = new PassThrough();
    const lines: RpcMessage[] = [];
    const waiting: (() => void)[] = [];
    const splitter = new LineSplitter((line) => {
      lines.push(JSON.parse(line) as RpcMessage);
      for (const wake of waiting.splice(0)) wake();
    });
    output.on('data', (chunk: Buffer) => splitter.push(chunk));
    await serveStdio(mock, { input, output, onExit: () => undefined });
    cleanups.push(() => mock.close());
    const send = (message: unknown) => input.write(`${JSON.stringify(message)}\n`);
    const next = async (count: number) => {
      while (lines.length < count) await new Promise<void>((wake) => waiting.push(wake));
      return lines.slice(0, count);
    };
    return { mock, send, next, input };
  }

  it('serves discover and a listen stream on the one pipe; a server-side drop is a notifications/cancelled', async () => {
    const { mock, send, next } = await serve('modern');
    send(rpc('d', 'server/discover'));
    send(rpc('L', 'subscriptions/listen', { notifications: { toolsListChanged: true } }));
    const [discover, ack] = await next(2);
    expect(discover).toMatchObject({ id: 'd', result: { supportedVersions: [VERSION] } });
    expect(ack).toMatchObject({ method: 'notifications/subscriptions/acknowledged', params: { _meta: { [SUBSCRIPTION]: 'L' } } });
    mock.notify('tools');
    mock.dropStream(undefined, false);
    const [, , changed, cancelled] = await next(4);
    expect(changed).toMatchObject({ method: 'notifications/tools/list_changed', params: { _meta: { [SUBSCRIPTION]: 'L' } } });
    expect(cancelled).toMatchObject({ method: 'notifications/cancelled', params: { requestId: 'L', _meta: { [SUBSCRIPTION]: 'L' } } });
  });

  it('ends a listen stream when the client cancels it', async () => {
    const { mock, send, next } = await serve('modern');
    send(rpc(1, 'subscriptions/listen', { notifications: { toolsListChanged: true } }));
    await next(1);
    send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, _meta: META } });
    await mock.journal.waitFor((event) => event.kind === 'listen-closed', { timeoutMs: 2_000 });
    expect(mock.journal.ofKind('listen-closed')).toEqual([expect.objectContaining({ by: 'client', reason: 'cancelled by client' })]);
  });

  it('journals the listen streams of a connection the server ended as ended by the server, and one the client left as by the client', async () => {
    const ended = await serve('modern');
    ended.send(rpc('L', 'subscriptions/listen', { notifications: { toolsListChanged: true } }));
    await ended.next(1);
    ended.mock.exitProcess(1);
    expect(ended.mock.journal.ofKind('listen-closed')).toEqual([expect.objectContaining({ by: 'server', reason: 'process exit 1' })]);
    const left = await serve('modern');
    left.send(rpc('L', 'subscriptions/listen', { notifications: { toolsListChanged: true } }));
    await left.next(1);
    left.input.end();
    await left.mock.journal.waitFor((event) => event.kind === 'listen-closed', { timeoutMs: 2_000 });
    expect(left.mock.journal.ofKind('listen-closed')).toEqual([expect.objectContaining({ by: 'client', reason: 'stdin closed' })]);
  });

  it('a legacy-only mock answers server/discover as a 2025 server does: method not found', async () => {
    const { send, next } = await serve('legacy');
    send(rpc('probe', 'server/discover'));
    const [answer] = await next(1);
    expect(answer).toMatchObject({ id: 'probe', error: { code: -32601 } });
  });

  it('a modern-only mock answers initialize with -32022 naming the versions it speaks', async () => {
    const { send, next } = await serve('modern');
    send(JSON.parse(INITIALIZE));
    const [answer] = await next(1);
    expect(answer).toMatchObject({ id: 1, error: { code: -32022, data: { supported: [VERSION], requested: '2025-11-25' } } });
  });
});
