// The baseline: a bare SDK low-level Server doing the mock's work with none of its machinery
// (no journal, no holds, no fan-out bookkeeping), on the SDK's own server transports.
// Usage: node bench/bare-server.mjs stdio|sse|http — prints {"mcp","control"} on stderr.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const kind = process.argv[2];
const tools = [
  {
    name: 'echo',
    description: 'Echoes its arguments',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
  },
  {
    name: 'add',
    description: 'Pretends to add numbers',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
  },
];
const servers = new Set();

function newServer() {
  const server = new Server(
    { name: 'bare', version: '1' },
    { capabilities: { tools: { listChanged: true } } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  servers.add(server);
  server.onclose = () => servers.delete(server);
  return server;
}

function listen(handler) {
  return new Promise((resolve) => {
    const http = createServer({ noDelay: true }, handler);
    http.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${http.address().port}`));
  });
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

const control = await listen(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const count = Number(url.searchParams.get('count') ?? 1);
  for (let i = 0; i < count; i++) for (const server of servers) void server.sendToolListChanged();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent: count }));
});

let mcp = 'stdio';
if (kind === 'stdio') {
  await newServer().connect(new StdioServerTransport());
  process.stdin.on('end', () => process.exit(0));
} else if (kind === 'sse') {
  const transports = new Map();
  mcp = `${await listen(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET') {
      const transport = new SSEServerTransport('/message', res);
      transports.set(transport.sessionId, transport);
      await newServer().connect(transport);
    } else {
      await transports
        .get(url.searchParams.get('sessionId'))
        ?.handlePostMessage(req, res, await readJson(req));
    }
  })}/sse`;
} else {
  const transports = new Map();
  mcp = `${await listen(async (req, res) => {
    const id = req.headers['mcp-session-id'];
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    let transport = id ? transports.get(id) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sid) => transports.set(sid, transport),
      });
      await newServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  })}/mcp`;
}
process.stderr.write(`${JSON.stringify({ mcp, control })}\n`);
