import { request } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport } from '../../src/mock-server/transports/bind.js';
import { LineSplitter } from '../../src/mock-server/transports/stdio/lines.js';
import { serveStdio } from '../../src/mock-server/transports/stdio/stdio.js';
import type { DiscoverRefusal } from '../../src/model/discover-refusal.js';
import { INITIALIZE, POST_HEADERS, rawRequest, type RpcMessage } from '../helpers/raw-http.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
const DISCOVER = { jsonrpc: '2.0', id: 'probe', method: 'server/discover', params: { _meta: META } };
const MODERN_HEADERS = { ...POST_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' };

/** A 2025-only mock told how to refuse server/discover, as a scenario's `refuseDiscover` tells it. */
function refusing(how: DiscoverRefusal | undefined, mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } })): MockServer {
  if (how) mock.modern.refuseDiscover = how;
  return mock;
}

/** A stdio session of a mock on its own streams: send lines, read the answers back. */
async function stdio(mock: MockServer) {
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
  return {
    send: (message: unknown) => input.write(`${JSON.stringify(message)}\n`),
    next: async () => {
      while (lines.length === 0) await new Promise<void>((wake) => waiting.push(wake));
      return lines.shift();
    },
  };
}

async function http(refuseDiscover?: DiscoverRefusal, options: { retryMs?: number } = {}) {
  const mock = refusing(refuseDiscover);
  const binding = await bindTransport('http', mock, { eventStore: true, ...options });
  cleanups.push(async () => {
    await binding.close();
    await mock.close();
  });
  return { mock, url: binding.url ?? '' };
}

describe('a 2025-only mock refusing server/discover', () => {
  it.each([
    [undefined, -32601],
    ['method-not-found', -32601],
    ['invalid-params', -32602],
  ] as const)('on stdio (%s) answers with %i', async (how, code) => {
    const { send, next } = await stdio(refusing(how));
    send(DISCOVER);
    expect(await next()).toMatchObject({ id: 'probe', error: { code } });
  });

  it('on Streamable HTTP answers -32601 and -32602 in a 200 carrying the probe\'s id, and journals them as refused', async () => {
    for (const [how, code] of [['method-not-found', -32601], ['invalid-params', -32602]] as const) {
      const { mock, url } = await http(how);
      const res = await rawRequest(url, { method: 'POST', headers: MODERN_HEADERS, body: JSON.stringify(DISCOVER) });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ jsonrpc: '2.0', id: 'probe', error: { code } });
      expect(mock.journal.ofKind('http-rejected')).toEqual([
        expect.objectContaining({ status: 200, code, rpc: [{ method: 'server/discover', id: 'probe' }] }),
      ]);
    }
  });

  it('on Streamable HTTP answers bare-400 with a plain-text body, journaled with no JSON-RPC code', async () => {
    const { mock, url } = await http('bare-400');
    const res = await rawRequest(url, { method: 'POST', headers: MODERN_HEADERS, body: JSON.stringify(DISCOVER) });
    expect(res).toMatchObject({ status: 400, body: 'Bad Request', headers: { 'content-type': 'text/plain' } });
    const [refused] = mock.journal.ofKind('http-rejected');
    expect(refused).toMatchObject({ status: 400, rpc: [{ method: 'server/discover', id: 'probe' }] });
    expect(refused?.code).toBeUndefined();
  });

  it('on Streamable HTTP refuses as before when told nothing (400, -32000), and initializes a 2025 client either way', async () => {
    const plain = await http();
    const res = await rawRequest(plain.url, { method: 'POST', headers: MODERN_HEADERS, body: JSON.stringify(DISCOVER) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: -32000 } });
    const { url } = await http('bare-400');
    expect((await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: INITIALIZE })).status).toBe(200);
  });
});

describe('the mock, staged to fail and to tell a retry', () => {
  it('answers a failing list with an internal error until told to answer again', async () => {
    const mock = new MockServer({ era: 'modern', catalogue: { tools: [{ name: 'alpha' }] } });
    const { send, next } = await stdio(mock);
    mock.holds.fail('tools/list', true);
    send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: META } });
    expect(await next()).toMatchObject({ id: 1, error: { code: -32603 } });
    mock.holds.fail('tools/list', false);
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: META } });
    expect(await next()).toMatchObject({ id: 2, result: { tools: [{ name: 'alpha' }] } });
  });

  it('journals the retry its standalone stream was primed with', async () => {
    const { mock, url } = await http(undefined, { retryMs: 1_500 });
    const init = await rawRequest(url, { method: 'POST', headers: POST_HEADERS, body: INITIALIZE });
    const session = String(init.headers['mcp-session-id']);
    const primed = await new Promise<string>((resolve, reject) => {
      const req = request(url, { headers: { 'accept': 'text/event-stream', 'mcp-session-id': session } }, (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => {
          req.destroy();
          resolve(chunk);
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(primed).toBe('retry: 1500\nid: 0\ndata: \n\n');
    expect(mock.journal.ofKind('stream-opened').find((event) => event.role === 'standalone')).toMatchObject({ primed: '0', retryMs: 1_500 });
  });
});
