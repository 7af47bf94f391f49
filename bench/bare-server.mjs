// The baseline: a bare SDK low-level Server doing the mock's work with none of its machinery
// (no journal, no holds, no fan-out bookkeeping), on the SDK's own server transports.
// Usage: node bench/bare-server.mjs stdio|sse|http [--catalogue <file>] [--page-size <n>] — prints {"mcp","control"}
// on stderr. `--catalogue` serves that file's tools (the same file the mock gets), `--page-size` pages tools/list
// as the mock's `serve --page-size` does. Ends when its stdin ends (for sse/http: the bench that started it is gone).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const kind = process.argv[2];
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const cataloguePath = option('--catalogue');
const pageSize = Number(option('--page-size') ?? 0);
const tools = cataloguePath ? JSON.parse(readFileSync(cataloguePath, 'utf8')).tools : [
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

/** One page of tools: the cursor is the next offset, opaque to the client (as the mock's is). */
function listPage(cursor) {
  if (!pageSize) return { tools };
  const offset = cursor === undefined ? 0 : Number(Buffer.from(cursor, 'base64url').toString());
  const end = offset + pageSize;
  const page = { tools: tools.slice(offset, end) };
  if (end < tools.length) page.nextCursor = Buffer.from(String(end)).toString('base64url');
  return page;
}

function newServer() {
  const server = new Server(
    { name: 'bare', version: '1' },
    { capabilities: { tools: { listChanged: true } } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async (request) => listPage(request.params?.cursor));
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
process.stdin.on('end', () => process.exit(0));
if (kind === 'stdio') {
  await newServer().connect(new StdioServerTransport());
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
if (kind !== 'stdio') process.stdin.resume();
process.stderr.write(`${JSON.stringify({ mcp, control })}\n`);
