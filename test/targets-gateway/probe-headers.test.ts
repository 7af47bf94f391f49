import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/errors.js';
import { Probe } from '../../src/targets/probe/probe.js';
import { Journal } from '../../src/trace/journal.js';

const SECRET = 'Bearer tok-5d1e8a0b77';

/** A small MCP server over Streamable HTTP (/mcp) and legacy SSE (/sse), refusing requests without SECRET. */
function mcpServer(): { http: HttpServer; seen: { method: string; path: string; auth: string | undefined }[] } {
  const seen: { method: string; path: string; auth: string | undefined }[] = [];
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- legacy SSE, as gateways serve it
  const legacy = new Map<string, SSEServerTransport>();
  const session = () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the low-level server is enough here
    const server = new Server({ name: 'auth-test', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name: 'nc000000_alpha', inputSchema: { type: 'object' as const } }] }));
    return server;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization;
    seen.push({ method: req.method ?? '', path: url.pathname, auth });
    if (auth !== SECRET) {
      // The body echoes what it got, as some gateways do: the harness must not repeat it.
      res.writeHead(auth ? 403 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'denied', got: auth ?? null }));
      return;
    }
    if (url.pathname === '/sse') {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- legacy SSE
      const transport = new SSEServerTransport('/messages', res);
      legacy.set(transport.sessionId, transport);
      await session().connect(transport);
      return;
    }
    if (url.pathname === '/messages') {
      await legacy.get(url.searchParams.get('sessionId') ?? '')?.handlePostMessage(req, res);
      return;
    }
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!transport) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sid) => void sessions.set(sid, created),
      });
      await session().connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  };
  return { http: createServer((req, res) => void handle(req, res)), seen };
}

describe.each(['http', 'sse'] as const)('the probe over %s downstream', (kind) => {
  const server = mcpServer();
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.http.closeAllConnections();
    await new Promise((resolve) => server.http.close(resolve));
  });
  const url = () => `${base}/${kind === 'http' ? 'mcp' : 'sse'}`;
  const probe = (headers: Record<string, string>, journal = new Journal()) =>
    new Probe(journal, 'nc000000', () => ({ downstream: { kind, url: url() }, headers }), (text) => text.split(SECRET).join('[redacted]'));

  it('sends --header values on every request, the stream GET and each POST', async () => {
    server.seen.length = 0;
    const journal = new Journal();
    const client = probe({ Authorization: SECRET }, journal);
    await client.connect();
    await client.listAll('initial');
    await client.disconnect('test over');
    expect(journal.ofKind('probe-list')[0]?.names).toEqual(['nc000000_alpha']);
    const methods = new Set(server.seen.map((request) => request.method));
    expect(methods).toContain('POST');
    if (kind === 'sse') expect(methods).toContain('GET');
    expect(server.seen.filter((request) => request.auth !== SECRET)).toEqual([]);
  });

  it('stops at once on a 401, quoting the status and body and pointing at --header', async () => {
    server.seen.length = 0;
    const error = await probe({}).connect().then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(HarnessError);
    const refused = error as HarnessError;
    expect(refused.code).toBe('GATEWAY_REFUSED');
    expect(refused.message).toBe('the gateway\'s downstream refused the probe with HTTP 401: {"error":"denied","got":null}');
    expect(refused.hint).toContain('--header');
    // At once: the refused request was the only one, not the first of a series of retries.
    expect(server.seen).toEqual([{ method: kind === 'http' ? 'POST' : 'GET', path: kind === 'http' ? '/mcp' : '/sse', auth: undefined }]);
  });

  it('reports a 403 for a wrong value, masking the value where the gateway echoed it', async () => {
    const wrong = 'Bearer tok-wrong-value';
    const masking = new Probe(new Journal(), 'nc000000', () => ({ downstream: { kind, url: url() }, headers: { Authorization: wrong } }), (text) => text.split(wrong).join('[redacted]'));
    const error = (await masking.connect().catch((caught: unknown) => caught)) as HarnessError;
    expect(error.message).toBe('the gateway\'s downstream refused the probe with HTTP 403: {"error":"denied","got":"[redacted]"}');
    expect(error.hint).toContain('the probe sent Authorization (values not shown)');
  });
});
