import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../../../errors.js';
import type { Journal } from '../../../trace/journal.js';
import { batchedWrite } from '../batch.js';
import { rpcRefs } from '../frames.js';

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** Request bodies above this are refused (413); MCP messages are small, a huge body is an error or an attack. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ListenOptions {
  host?: string;
  port?: number;
}

export interface HttpListener {
  server: Server;
  url: URL;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (ephemeral port by default); a busy port is a HarnessError with a hint. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: ListenOptions = {},
): Promise<HttpListener> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer({ noDelay: true }, handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new HarnessError(
            'PORT_IN_USE',
            `port ${options.port} on ${host} is in use`,
            'pick another --port, or 0 for any free port',
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new HarnessError(
            'PORT_DENIED',
            `not allowed to listen on ${host}:${options.port}`,
            'use a port above 1023',
          ),
        );
      } else
        reject(
          new HarnessError('LISTEN_FAILED', `cannot listen on ${host}:${options.port}: ${error.message}`),
        );
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: new URL(`http://${urlHost}:${address.port}/`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request header's (first) value. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why a request's Host or Origin is refused (DNS-rebinding protection), or undefined when it is fine. */
export function foreignOrigin(req: IncomingMessage, allowedHosts: ReadonlySet<string>): string | undefined {
  const host = req.headers.host;
  if (host !== undefined && !allowedHosts.has(hostname(host))) return `Host "${host}" is not a local host`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  // A sandboxed page or a file:// document sends "null": no local origin, so refused like any foreign page.
  if (origin === 'null') return 'Origin "null" is not a local origin';
  try {
    const parsed = new URL(origin);
    if (!allowedHosts.has(parsed.hostname)) return `Origin "${origin}" is not a local origin`;
  } catch {
    return `Origin "${origin}" is not a URL`;
  }
  return undefined;
}

function hostname(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  const colon = hostHeader.lastIndexOf(':');
  return colon === -1 ? hostHeader : hostHeader.slice(0, colon);
}

const bodies = new WeakMap<IncomingMessage, Promise<string | undefined>>();

/**
 * Reads a request body up to MAX_BODY_BYTES; undefined when it was too large (the caller answers 413).
 * Read once per request: a second call (by `reject`) gets the same promise.
 */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  let body = bodies.get(req);
  if (!body) {
    body = readOnce(req);
    bodies.set(req, body);
  }
  return body;
}

/**
 * Plain events, not `for await`: the async iterator costs a few hundred microseconds per request, and every
 * microsecond here is added to the re-list latencies the harness measures.
 */
function readOnce(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface Rejection {
  status: number;
  reason: string;
  /** JSON-RPC error code in the body (spec transports answer errors as JSON-RPC). */
  code?: number;
  session?: string;
  headers?: Record<string, string>;
  /** The whole JSON-RPC error to answer with (default: `id: null` with `code` and `reason`). */
  body?: unknown;
  /** A text/plain body instead of any JSON-RPC: how some servers answer a request they refuse. */
  plain?: string;
}

/**
 * Answers with an HTTP error and a JSON-RPC error body, and journals the refusal. The body is read first
 * (or reused when the handler read it) so the journal names the JSON-RPC messages that were refused.
 */
export function reject(
  req: IncomingMessage,
  res: ServerResponse,
  journal: Journal,
  rejection: Rejection,
): void {
  const answer = (received: string | undefined) => {
    const rpc = received === undefined ? undefined : rpcRefs(received);
    const body = rejection.body ?? {
      jsonrpc: '2.0',
      id: null,
      error: { code: rejection.code ?? -32000, message: rejection.reason },
    };
    const code = rejection.plain === undefined ? (body as { error?: { code?: unknown } }).error?.code : undefined;
    journal.append({
      kind: 'http-rejected',
      method: req.method ?? '?',
      path: req.url ?? '?',
      status: rejection.status,
      reason: rejection.reason,
      ...(rejection.session ? { session: rejection.session } : {}),
      ...(typeof code === 'number' ? { code } : {}),
      ...(rpc ? { rpc } : {}),
    });
    if (res.headersSent) {
      res.end();
      return;
    }
    if (rejection.plain !== undefined) res.writeHead(rejection.status, { 'content-type': 'text/plain', ...rejection.headers }).end(rejection.plain);
    else res.writeHead(rejection.status, { 'content-type': 'application/json', ...rejection.headers }).end(JSON.stringify(body));
  };
  readBody(req).then(answer, () => answer(undefined));
}

/** One server-sent-events response: writes `message` events, tracks whether it is still open. */
export class SseStream {
  private open = true;

  constructor(
    readonly id: string,
    private readonly res: ServerResponse,
    headers: Record<string, string> = {},
    onClose?: (reason: string) => void,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'connection': 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.flushHeaders();
    res.on('close', () => {
      if (!this.open) return;
      this.open = false;
      onClose?.('client disconnected');
    });
  }

  get isOpen(): boolean {
    return this.open && !this.res.writableEnded && !this.res.destroyed;
  }

  /** Writes one event; false when the stream is already closed. */
  write(data: string, options: { event?: string; id?: string; retryMs?: number } = {}): boolean {
    if (!this.isOpen) return false;
    let frame = '';
    if (options.retryMs !== undefined) frame += `retry: ${options.retryMs}\n`;
    if (options.id !== undefined) frame += `id: ${options.id}\n`;
    if (options.event !== undefined) frame += `event: ${options.event}\n`;
    frame += `data: ${data}\n\n`;
    batchedWrite(this.res, frame);
    return true;
  }

  /** Ends the stream from the server side. */
  end(): void {
    if (!this.open) return;
    this.open = false;
    this.res.end();
  }
}
