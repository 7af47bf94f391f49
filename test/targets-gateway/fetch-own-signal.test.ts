import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOwnSignal } from '../../src/targets/probe/probe-transport.js';

describe('the probe fetch with a signal of its own per request', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/short') {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: {}\n\n');
        return;
      }
      if (request.url === '/stream') {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(': open\n\n');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('leaves no listener on the shared signal once a JSON answer is in, however many requests share it', async () => {
    const shared = new AbortController();
    for (let i = 0; i < 50; i++) {
      const response = await fetchOwnSignal(`${base}/json`, { signal: shared.signal });
      expect(await response.json()).toEqual({ ok: true });
    }
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('unlinks a POST once its headers are in, even when it is answered with an event stream', async () => {
    const shared = new AbortController();
    for (let i = 0; i < 20; i++) {
      const response = await fetchOwnSignal(`${base}/stream`, { method: 'POST', signal: shared.signal });
      await response.body?.cancel();
    }
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('keeps a GET stream linked, so aborting the shared signal still ends it', async () => {
    const shared = new AbortController();
    const response = await fetchOwnSignal(`${base}/stream`, { signal: shared.signal });
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
    const reader = response.body?.getReader();
    await reader?.read();
    shared.abort();
    await expect(reader?.read()).rejects.toThrow();
  });

  it('unlinks a GET stream once it ends, so a connection re-opening its stream 20 times holds no listener', async () => {
    const shared = new AbortController();
    for (let i = 0; i < 20; i++) {
      const response = await fetchOwnSignal(`${base}/short`, { signal: shared.signal });
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
      expect(await response.text()).toBe('data: {}\n\n');
    }
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('holds one listener on the shared signal for any number of open streams, and ends them all when it aborts', async () => {
    const shared = new AbortController();
    const readers = await Promise.all([1, 2, 3].map(async () => (await fetchOwnSignal(`${base}/stream`, { signal: shared.signal })).body!.getReader()));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
    await Promise.all(readers.map((reader) => reader.read()));
    shared.abort();
    for (const reader of readers) await expect(reader.read()).rejects.toThrow();
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('unlinks a stream its reader cancels', async () => {
    const shared = new AbortController();
    const response = await fetchOwnSignal(`${base}/stream`, { signal: shared.signal });
    await response.body?.cancel();
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });
});
