// The modern-era baseline: a bare SDK v2 McpServer (protocol 2026-07-28) doing the mock's work with none of its
// machinery, on the SDK's own v2 entry points: `serveStdio` for stdio, `createMcpHandler` + `toNodeHandler` for
// Streamable HTTP. The bench/bare-server.mjs protocol: prints {"mcp","control"} on stderr; `POST {control}/?count=N`
// makes it send N tools/list_changed to every open `subscriptions/listen` stream that asked for them.
// Usage: node bench/bare-server-v2.mjs stdio|http. Ends when its stdin ends (the bench that started it is gone) or, on
// stdio, when the MCP connection closes.
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, fromJsonSchema, McpServer } from '@modelcontextprotocol/server';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';

const kind = process.argv[2];
if (kind !== 'stdio' && kind !== 'http') throw new Error('usage: bare-server-v2.mjs stdio|http');

// The mock's default tools (and bench/bare-server.mjs's), with the mock's default input schema, so both sides
// answer tools/list with the same payload.
const inputSchema = fromJsonSchema({ type: 'object', properties: { text: { type: 'string' } } });
const TOOLS = [
  { name: 'echo', description: 'Echoes its arguments' },
  { name: 'add', description: 'Pretends to add numbers' },
];

function newServer() {
  const server = new McpServer({ name: 'bare-v2', version: '1' }, { capabilities: { tools: { listChanged: true } } });
  for (const { name, description } of TOOLS) {
    server.registerTool(name, { description, inputSchema }, async () => ({ content: [] }));
  }
  return server;
}

function listen(handler) {
  return new Promise((resolve) => {
    const http = createServer({ noDelay: true }, handler);
    http.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${http.address().port}`));
  });
}

/** Sends `count` tools/list_changed the way this transport's SDK entry point announces a change. */
let announce = () => undefined;

let mcp = 'stdio';
if (kind === 'stdio') {
  // stdio has no event bus: the pinned instance's own sendToolListChanged() is routed by serveStdio to every
  // listen stream that opted in. The factory also builds a throwaway instance while the era is undecided (the
  // client's discover probe); the latest one built is the one serving the connection.
  let current;
  const wire = new StdioServerTransport();
  serveStdio(() => (current = newServer()), { transport: wire, onerror: (error) => process.stderr.write(`bare-v2: ${error.message}\n`) });
  announce = () => current?.sendToolListChanged();
  // The connection's end ends the process. Not only stdin's end: a write to a client that is gone (the bench killed
  // mid-burst) closes the transport first, and it then stops reading stdin, so that end would never be seen.
  const closed = wire.onclose;
  wire.onclose = () => {
    closed?.();
    process.exit(0);
  };
} else {
  // Over HTTP the factory runs per POST and those instances are not attached to the listen streams: changes are
  // published on the handler's event bus, which fans them out to every open listen stream.
  const handler = createMcpHandler(newServer, { onerror: (error) => process.stderr.write(`bare-v2: ${error.message}\n`) });
  const node = toNodeHandler(handler);
  announce = () => handler.notify.toolsChanged();
  mcp = `${await listen((req, res) => void node(req, res))}/mcp`;
}

// A separate control endpoint, as bench/bare-server.mjs has: over stdio the MCP channel is the client's alone.
const control = await listen((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const count = Number(url.searchParams.get('count') ?? 1);
  for (let i = 0; i < count; i++) void announce();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent: count }));
});

process.stdin.on('end', () => process.exit(0));
if (kind !== 'stdio') process.stdin.resume();
process.stderr.write(`${JSON.stringify({ mcp, control })}\n`);
