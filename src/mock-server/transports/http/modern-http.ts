import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Journal } from '../../../trace/journal.js';
import { serialized } from '../../../trace/serialized.js';
import type { MockServer } from '../../mock-server.js';
import type { Route } from '../../modern/endpoint.js';
import {
  errorResponse,
  isModernMessage,
  LISTEN_METHOD,
  MODERN_ERRORS,
  MODERN_VERSIONS,
  type ModernError,
  NAMED_PARAM,
  requestedVersion,
} from '../../modern/protocol.js';
import type { MockSession } from '../../session-server.js';
import { isRequest, isResponse } from '../../wire-transport.js';
import { header, reject, SseStream } from './http-common.js';

/** The journal's name for the modern era's requests on one Streamable HTTP endpoint: the revision has no sessions. */
export const MODERN_HTTP_SESSION = 'http-modern';

/** A value in the spec's `=?base64?…?=` form is compared decoded (streamable-http §Encoding of header values). */
function decodeHeader(value: string): string {
  const match = /^=\?base64\?(.*)\?=$/.exec(value);
  return match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : value;
}

/** True when a dual-era endpoint should serve this POST in the modern era: its version header or its body says so. */
export function postIsModern(req: IncomingMessage, messages: JSONRPCMessage[]): boolean {
  const version = header(req, 'mcp-protocol-version');
  if (version !== undefined && MODERN_VERSIONS.includes(version)) return true;
  return messages.length === 1 && messages[0] !== undefined && isModernMessage(messages[0]);
}

/** What is wrong with a modern POST's standard headers against its body (streamable-http §Server Validation: -32020). */
function headerError(req: IncomingMessage, message: JSONRPCMessage): ModernError | undefined {
  const mismatch = (text: string): ModernError => ({ code: MODERN_ERRORS.headerMismatch, message: `Header mismatch: ${text}`, status: 400 });
  const version = header(req, 'mcp-protocol-version');
  if (version === undefined) return mismatch('the MCP-Protocol-Version header is required');
  const inBody = requestedVersion(message);
  if (inBody !== undefined && inBody !== version) {
    return mismatch(`MCP-Protocol-Version header value '${version}' does not match body value '${inBody}'`);
  }
  if (!isRequest(message)) return undefined;
  const method = header(req, 'mcp-method');
  if (method === undefined) return mismatch('the Mcp-Method header is required');
  if (method !== message.method) return mismatch(`Mcp-Method header value '${method}' does not match body value '${message.method}'`);
  const named = Object.hasOwn(NAMED_PARAM, message.method) ? NAMED_PARAM[message.method] : undefined;
  if (!named) return undefined;
  const value = (message as { params?: Record<string, unknown> }).params?.[named];
  const expected = typeof value === 'string' ? value : '';
  const name = header(req, 'mcp-name');
  if (name === undefined) return mismatch(`the Mcp-Name header is required for ${message.method}`);
  if (decodeHeader(name) !== expected) return mismatch(`Mcp-Name header value '${name}' does not match body value '${expected}'`);
  return undefined;
}

/**
 * The modern era on a Streamable HTTP endpoint: every POST stands alone, validated (headers, `_meta`, method) before
 * it gets a status; a request is answered on its own response (JSON or SSE), a listen on a stream that stays open.
 * All modern POSTs are one journal session, because the revision has none of its own.
 */
export class ModernHttp {
  private session?: Promise<MockSession>;
  private readonly routes = new Set<{ finish(reason: string): void }>();
  private streamCounter = 0;

  constructor(
    private readonly mock: MockServer,
    private readonly responseMode: 'sse' | 'json',
  ) {}

  private get journal(): Journal {
    return this.mock.journal;
  }

  /** Serves one parsed POST. */
  async post(
    req: IncomingMessage,
    res: ServerResponse,
    messages: JSONRPCMessage[],
    batch: boolean,
    arrivedAt: number,
  ): Promise<void> {
    const refuse = (error: ModernError, id: string | number | null = null) =>
      reject(req, res, this.journal, {
        status: error.status,
        reason: error.message,
        code: error.code,
        body: errorResponse(id, error),
      });
    const message = messages[0];
    if (batch || messages.length !== 1 || !message) {
      return refuse({ code: -32600, message: 'Invalid Request: one JSON-RPC message per POST in this revision', status: 400 });
    }
    if (isResponse(message)) {
      return refuse({ code: -32600, message: 'Invalid Request: clients send no responses in this revision', status: 400 });
    }
    const id = isRequest(message) ? message.id : null;
    const session = await this.open();
    // A legacy initialize gets the error naming the versions spoken here (versioning §Compatibility), not a header error.
    const legacyHandshake = isRequest(message) && message.method === 'initialize';
    const wrong = (legacyHandshake ? undefined : headerError(req, message)) ?? session.modern?.refuse(message);
    if (wrong) return refuse(wrong, id);
    if (!isRequest(message)) {
      session.transport.record(message, undefined, arrivedAt);
      session.receiveModern(message, this.noRoute());
      res.writeHead(202).end();
      return;
    }
    const listen = message.method === LISTEN_METHOD;
    const stream = `${listen ? 'listen' : 'post'}-${++this.streamCounter}`;
    session.transport.record(message, stream, arrivedAt);
    session.receiveModern(message, listen || this.responseMode === 'sse' ? this.sseRoute(res, stream, listen) : this.jsonRoute(res, stream));
  }

  /** Ends every open response (the endpoint closes). */
  close(reason: string): void {
    for (const route of [...this.routes]) route.finish(reason);
  }

  private open(): Promise<MockSession> {
    this.session ??= (async () => {
      const transport = await this.mock.openSession({
        kind: 'http',
        // Answers go out on each request's own route; nothing is written to a session stream in this era.
        write: () => ({ delivered: false, reason: 'no session stream in the 2026-07-28 revision' }),
        close: (reason) => this.close(reason),
        idle: () => this.routes.size === 0,
      }, MODERN_HTTP_SESSION);
      transport.onclose = ((previous) => () => {
        this.session = undefined;
        previous?.();
      })(transport.onclose);
      const session = this.mock.session(MODERN_HTTP_SESSION);
      if (!session) throw new Error('modern HTTP session vanished while opening');
      return session;
    })();
    return this.session;
  }

  private noRoute(): Route {
    return {
      stream: 'none',
      closeable: false,
      write: () => ({ delivered: false, reason: 'a notification gets no answer' }),
      finish: () => undefined,
      onGone: () => undefined,
    };
  }

  /** The request's SSE response: its answer (or, for a listen, the acknowledgement and notifications) as events. */
  private sseRoute(res: ServerResponse, id: string, listen: boolean): Route {
    const gone: ((reason: string) => void)[] = [];
    let finished = false;
    const route = {
      finish: (reason: string) => {
        if (finished) return;
        finished = true;
        this.routes.delete(route);
        sse.end();
        this.journal.append({ kind: 'stream-closed', session: MODERN_HTTP_SESSION, stream: id, reason });
      },
    };
    const sse = new SseStream(id, res, {}, (reason) => {
      if (finished) return;
      finished = true;
      this.routes.delete(route);
      this.journal.append({ kind: 'stream-closed', session: MODERN_HTTP_SESSION, stream: id, reason });
      for (const listener of gone.splice(0)) listener(reason);
    });
    this.routes.add(route);
    this.journal.append({ kind: 'stream-opened', session: MODERN_HTTP_SESSION, stream: id, role: listen ? 'listen' : 'post' });
    return {
      stream: id,
      closeable: true,
      write: (message) => {
        if (!sse.write(serialized(message), { event: 'message' })) return { delivered: false, reason: 'request stream closed', stream: id };
        this.journal.append({ kind: 'frame-sent', session: MODERN_HTTP_SESSION, stream: id, message });
        return { delivered: true, stream: id };
      },
      finish: route.finish,
      onGone: (listener) => void gone.push(listener),
    };
  }

  /** The request's JSON response: the one answer, written when it is ready. */
  private jsonRoute(res: ServerResponse, id: string): Route {
    let answer: JSONRPCMessage | undefined;
    const route = {
      finish: () => {
        this.routes.delete(route);
        if (res.writableEnded || res.destroyed) return;
        if (!answer) return void res.writeHead(500).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(serialized(answer));
      },
    };
    this.routes.add(route);
    return {
      stream: id,
      closeable: true,
      write: (message) => {
        if (!isResponse(message)) return { delivered: false, reason: 'JSON response mode cannot carry notifications', stream: id };
        if (res.destroyed) return { delivered: false, reason: 'request connection closed', stream: id };
        answer = message;
        this.journal.append({ kind: 'frame-sent', session: MODERN_HTTP_SESSION, stream: id, message });
        return { delivered: true, stream: id };
      },
      finish: route.finish,
      onGone: (listener) => void res.on('close', () => {
        if (!res.writableEnded) listener('client disconnected');
      }),
    };
  }
}
