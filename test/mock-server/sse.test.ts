import { afterEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport, type TransportBinding } from '../../src/mock-server/transports/bind.js';
import { connectClient } from '../helpers/connect.js';
import { rawRequest, rpcError } from '../helpers/raw-http.js';

let mock: MockServer | undefined;
let binding: TransportBinding | undefined;
afterEach(async () => {
  await binding?.close();
  await mock?.close();
});

describe('legacy HTTP+SSE', () => {
  it('answers a malformed POST with 400 and a JSON-RPC error, and an unknown session with 404', async () => {
    mock = new MockServer({ catalogue: { tools: [{ name: 'a' }] } });
    binding = await bindTransport('sse', mock);
    const client = await connectClient(binding);
    const [session] = mock.sessionIds();
    const base = new URL(binding.url ?? '');
    const post = (query: string, body: string) =>
      rawRequest(new URL(`/message?${query}`, base).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const bad = await post(`sessionId=${session}`, '{"jsonrpc":');
    expect(bad.status).toBe(400);
    expect(rpcError(bad.body).code).toBe(-32700);
    expect((await post(`sessionId=${session}`, '{"hello":1}')).status).toBe(400);
    expect((await post('sessionId=nope', '{}')).status).toBe(404);
    expect(mock.journal.ofKind('frame-invalid')).toHaveLength(2);
    // The session survives bad input.
    expect((await client.listTools()).tools).toHaveLength(1);
    await client.close();
  });

  it('journals the JSON-RPC method and id of a POST refused for an unknown session', async () => {
    mock = new MockServer();
    binding = await bindTransport('sse', mock);
    const res = await rawRequest(new URL('/message?sessionId=nope', binding.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }),
    });
    expect(res.status).toBe(404);
    expect(mock.journal.ofKind('http-rejected')).toEqual([
      expect.objectContaining({ status: 404, rpc: [{ method: 'tools/list', id: 7 }] }),
    ]);
  });

  it('delays responses to a method by the configured time', async () => {
    mock = new MockServer({ catalogue: { tools: [{ name: 'a' }] } });
    binding = await bindTransport('sse', mock);
    const client = await connectClient(binding);
    mock.holds.delay('tools/list', 30);
    await client.listTools();
    const received = mock.journal
      .ofKind('frame-received')
      .filter((e) => (e.message as { method?: string }).method === 'tools/list');
    const served = mock.journal.ofKind('list-served');
    // One-sided: the answer may come later on a loaded machine, never earlier.
    expect((served[0]?.t ?? 0) - (received[0]?.t ?? 0)).toBeGreaterThanOrEqual(29);
    await client.close();
  });

  it('serves resource templates', async () => {
    mock = new MockServer({
      catalogue: { resourceTemplates: [{ uriTemplate: 'mock://t/{id}', name: 't' }] },
    });
    binding = await bindTransport('sse', mock);
    const client = await connectClient(binding);
    expect((await client.listResourceTemplates()).resourceTemplates).toEqual([
      { uriTemplate: 'mock://t/{id}', name: 't' },
    ]);
    await client.close();
  });
});
