import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJsonl } from '../../src/trace/jsonl.js';
import { type Banner, CLI, curl, firstJsonLine, runCli, startServe } from '../helpers/cli.js';
import { connectClient, inbox } from '../helpers/connect.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts serve on `kind` and connects an SDK client the way a target would. */
async function serveAndConnect(kind: 'stdio' | 'sse' | 'http'): Promise<{ client: Client; banner: Banner }> {
  if (kind === 'stdio') {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'serve', '--transport', 'stdio'],
      stderr: 'pipe',
    });
    const bannerLine = firstJsonLine(transport.stderr as unknown as NodeJS.ReadableStream);
    const client = new Client({ name: 'cli-test', version: '1' });
    await client.connect(transport);
    cleanups.push(() => client.close());
    return { client, banner: await bannerLine };
  }
  const served = await startServe(['--transport', kind]);
  cleanups.push(served.stop);
  expect(served.banner.mcp).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  const client = await connectClient({ kind, url: served.banner.mcp, close: async () => {} });
  cleanups.push(() => client.close());
  return { client, banner: served.banner };
}

describe.each(['stdio', 'sse', 'http'] as const)('serve --transport %s driven by curl', (kind) => {
  it('prints one banner line, and the admin API adds a tool, notifies, and shows the journal', async () => {
    const { client, banner } = await serveAndConnect(kind);
    expect(Object.keys(banner)).toEqual(['mcp', 'admin', 'token']);
    expect(banner.admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    if (kind === 'stdio') expect(banner.mcp).toBe('stdio');
    const notes = inbox(client);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo', 'add']);

    // Streamable HTTP opens its GET stream after initialized: wait for it on the journal before notifying.
    if (kind === 'http') {
      await expect
        .poll(async () => (await curl(banner, 'GET', '/journal')).text, { timeout: 5_000 })
        .toContain('"role":"standalone"');
    }
    const added = await curl(banner, 'POST', '/tools', { name: 'fresh', notify: true });
    expect(added).toMatchObject({ status: 200, json: { revision: 1, deliveries: [{ delivered: true }] } });
    await notes.waitFor('notifications/tools/list_changed');
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo', 'add', 'fresh']);

    const removed = await curl(banner, 'DELETE', '/tools/fresh?notify=true');
    expect(removed).toMatchObject({ status: 200, json: { revision: 2 } });
    await notes.waitFor('notifications/tools/list_changed', 2);

    const journal = parseJsonl((await curl(banner, 'GET', '/journal')).text);
    const served = journal.filter((event) => event.kind === 'list-served').map((event) => event.revision);
    expect(served).toEqual([0, 1]);
    expect(journal.filter((event) => event.kind === 'notification' && event.delivered)).toHaveLength(2);
  });

  it('answers bad admin requests with 4xx and a JSON error, and keeps serving', async () => {
    const { client, banner } = await serveAndConnect(kind);
    expect(await curl(banner, 'POST', '/tools', { nom: 'x' })).toMatchObject({
      status: 400,
      json: { error: expect.stringContaining('name') },
    });
    expect(await curl(banner, 'POST', '/storm', { count: -1 })).toMatchObject({ status: 400 });
    expect(await curl(banner, 'DELETE', '/tools/missing')).toMatchObject({ status: 404 });
    expect(await curl(banner, 'POST', '/tools', { name: 'echo' })).toMatchObject({ status: 409 });
    expect(await curl(banner, 'POST', '/nowhere')).toMatchObject({ status: 404 });
    expect(await curl({ ...banner, token: 'wrong' }, 'GET', '/catalogue')).toMatchObject({ status: 401 });
    expect((await client.listTools()).tools).toHaveLength(2);
  });
});

describe('serve: held responses and termination through the admin API', () => {
  it('holds tools/list until /release and answers 404 after /terminate-session', async () => {
    const { client, banner } = await serveAndConnect('http');
    expect((await curl(banner, 'POST', '/hold', { method: 'tools/list' })).status).toBe(200);
    const pending = client.listTools();
    await expect
      .poll(async () => (await curl(banner, 'GET', '/journal')).text, { timeout: 5_000 })
      .toContain('response-held');
    expect((await curl(banner, 'POST', '/release', {})).json).toEqual({ released: 1 });
    expect((await pending).tools).toHaveLength(2);
    expect((await curl(banner, 'POST', '/terminate-session', {})).json).toMatchObject({
      terminated: [expect.any(String)],
    });
    await expect(client.listTools()).rejects.toThrow(/404|Session not found/);
  });
});

describe('serve --era modern', () => {
  it('serves the 2026-07-28 revision: server/discover with the TTL it was given, and no GET stream', async () => {
    const served = await startServe(['--transport', 'http', '--era', 'modern', '--ttl-ms', '5000']);
    cleanups.push(served.stop);
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
    const res = await fetch(served.banner.mcp, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept': 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'server/discover',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: meta } }),
    });
    const text = await res.text();
    expect(text).toContain('"supportedVersions":["2026-07-28"]');
    expect(text).toContain('"ttlMs":5000');
    const get = await fetch(served.banner.mcp, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
  });
});

describe('serve: bad input', () => {
  it.each([
    [['serve', '--transport', 'pigeon'], /--transport: unknown transport "pigeon" \(stdio, sse, http\)/],
    [['serve'], /required option '--transport <kind>'/],
    [['serve', '--transport', 'http', '--port', '70000'], /--port: Too big/],
    [
      ['serve', '--transport', 'http', '--catalogue', '/definitely/missing.json'],
      /cannot read catalogue file/,
    ],
    [['serve', '--transport', 'http', '--frobnicate'], /unknown option '--frobnicate'/],
    [['serve', '--transport', 'sse', '--era', 'modern'], /--era modern: sse exists only in the legacy era/],
    [['serve', '--transport', 'http', '--era', '2026'], /argument '2026' is invalid/],
  ])('%j exits 2 with one clear line and no stack', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the port when it is in use', async () => {
    const first = await startServe(['--transport', 'http']);
    cleanups.push(first.stop);
    const port = new URL(first.banner.mcp).port;
    const result = await runCli(['serve', '--transport', 'http', '--port', port]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
  });

  it('stops cleanly with exit 0 on SIGTERM', async () => {
    const served = await startServe(['--transport', 'sse']);
    expect(await served.stop()).toBe(0);
  });
});
