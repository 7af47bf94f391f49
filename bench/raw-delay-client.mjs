// Bench fixture: a minimal MCP client speaking raw JSON-RPC (no SDK), so its own timing is known to the
// microsecond. It re-lists DELAY_MS after each tools/list_changed and logs, on the harness's clock, when the
// notification's bytes arrived and when the re-list's bytes were handed to the socket.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const env = process.env;
const transport = env.MCP_NOTIFY_CHECK_TRANSPORT;
const delayMs = Number(env.DELAY_MS ?? 50);
const now = () => performance.timeOrigin + performance.now();
const agent = new Agent({ keepAlive: true });
let nextId = 1;
let send = () => undefined;
let onResponse = () => undefined;

/** Feeds raw bytes; calls `onMessage(message, arrivedAt)` per JSON-RPC message, for line or SSE framing. */
function framer(sse) {
  let buffer = '';
  return (chunk, onMessage) => {
    const arrivedAt = now();
    buffer += chunk;
    let cut = buffer.indexOf('\n');
    while (cut !== -1) {
      const line = buffer.slice(0, cut).trim();
      buffer = buffer.slice(cut + 1);
      const json = sse ? (line.startsWith('data: ') ? line.slice(6) : '') : line;
      if (json.startsWith('{')) onMessage(JSON.parse(json), arrivedAt);
      cut = buffer.indexOf('\n');
    }
  };
}

function handle(message, arrivedAt) {
  if (message.method === 'notifications/tools/list_changed') {
    setTimeout(() => {
      send({ jsonrpc: '2.0', id: nextId++, method: 'tools/list', params: {} });
      appendFileSync(env.BENCH_LOG, `${JSON.stringify({ received: arrivedAt, sent: now() })}\n`);
    }, delayMs);
  } else if ('id' in message) onResponse(message);
}

function post(url, body, headers, onData) {
  const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'accept': 'application/json, text/event-stream', ...headers } }, (res) => {
    res.setEncoding('utf8');
    const feed = framer(true);
    res.on('data', (chunk) => feed(chunk, onData ?? handle));
    if (res.headers['mcp-session-id']) headers['mcp-session-id'] = res.headers['mcp-session-id'];
  });
  req.end(JSON.stringify(body));
}

const initialize = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw-delay', version: '1' } } };
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };

if (transport === 'stdio') {
  const [command, ...args] = JSON.parse(env.MCP_NOTIFY_CHECK_SERVER_COMMAND);
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8');
  const feed = framer(false);
  child.stdout.on('data', (chunk) => feed(chunk, handle));
  send = (message) => child.stdin.write(`${JSON.stringify(message)}\n`);
  onResponse = (message) => {
    onResponse = () => undefined;
    if (message.id === 0) send(initialized);
  };
  send(initialize);
} else if (transport === 'http') {
  const url = env.MCP_NOTIFY_CHECK_URL;
  const headers = {};
  post(url, initialize, headers, () => {
    post(url, initialized, headers);
    const get = request(url, { agent: new Agent(), headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      const feed = framer(true);
      res.on('data', (chunk) => feed(chunk, handle));
    });
    get.end();
    send = (message) => post(url, message, headers);
  });
} else {
  const url = new URL(env.MCP_NOTIFY_CHECK_URL);
  const get = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    let endpoint;
    let buffer = '';
    const feed = framer(true);
    res.on('data', (chunk) => {
      if (!endpoint) {
        buffer += chunk;
        const match = /event: endpoint\ndata: (.*)\n/.exec(buffer);
        if (!match) return;
        endpoint = new URL(match[1], url);
        send = (message) => post(endpoint, message, {}, () => undefined);
        onResponse = (message) => {
          onResponse = () => undefined;
          if (message.id === 0) send(initialized);
        };
        send(initialize);
        return;
      }
      feed(chunk, handle);
    });
  });
  get.end();
}
const keepAlive = setInterval(() => undefined, 1 << 30);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  process.exit(0);
});
