// One raw Streamable HTTP session, no SDK: plain `node:http` requests on a shared agent (POST initialize, POST
// notifications/initialized, then the standalone GET stream left open), so that a thousand of them cost this process
// as little as possible; the stream's bytes are only scanned for the tools/list_changed marker.
import { type Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** A set-up request unanswered this long means the server is stuck: fail instead of hanging the bench. */
const OPEN_TIMEOUT_MS = 10_000;

/** One initialized session, with its standalone GET stream open. */
export interface RawSession {
  get: ClientRequest;
}

interface Reply {
  res: IncomingMessage;
  text: string;
}

interface SendOptions {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

function send(url: URL, agent: Agent, options: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, agent, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ res, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(OPEN_TIMEOUT_MS, () => req.destroy(new Error(`${options.method} ${url.href}: no answer in ${OPEN_TIMEOUT_MS} ms`)));
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench-fanout', version: '1' } },
};
const NOTE = 'tools/list_changed';

/**
 * Initializes one session and opens its standalone stream; `onNote` is called with the arrival time of every
 * tools/list_changed on it. Only the marker is looked for in the bytes (a carry covers one split across chunks).
 */
export async function openSession(url: URL, agent: Agent, onNote: (at: number) => void): Promise<RawSession> {
  const json = { 'content-type': 'application/json', 'accept': 'application/json, text/event-stream' };
  const init = await send(url, agent, { method: 'POST', headers: json, body: INITIALIZE });
  const id = init.res.headers['mcp-session-id'];
  if (init.res.statusCode !== 200 || typeof id !== 'string') throw new Error(`initialize: HTTP ${init.res.statusCode} ${init.text}`);
  const session = { ...json, 'mcp-session-id': id, 'mcp-protocol-version': INITIALIZE.params.protocolVersion };
  const initialized = await send(url, agent, { method: 'POST', headers: session, body: { jsonrpc: '2.0', method: 'notifications/initialized' } });
  if (initialized.res.statusCode !== 202) throw new Error(`initialized: HTTP ${initialized.res.statusCode}`);
  return new Promise((resolve, reject) => {
    const get = request(url, { agent, headers: { ...session, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET: HTTP ${res.statusCode}`));
      get.setTimeout(0); // The stream is open: from here on it is idle by design.
      res.setEncoding('utf8');
      let carry = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        const text = carry + chunk;
        for (let from = text.indexOf(NOTE); from !== -1; from = text.indexOf(NOTE, from + NOTE.length)) onNote(at);
        carry = text.slice(-(NOTE.length - 1));
      });
      res.on('error', () => undefined);
      resolve({ get });
    });
    get.on('error', (error) => reject(error));
    get.setTimeout(OPEN_TIMEOUT_MS, () => get.destroy(new Error(`GET ${url.href}: no answer in ${OPEN_TIMEOUT_MS} ms`)));
    get.end();
  });
}
