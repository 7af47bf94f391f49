import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { servesHandshake, servesStateless } from '../../../model/eras/all-eras.js';
import type { MockServer } from '../../mock-server.js';
import { isRequest } from '../../wire-transport.js';
import { parseFrames, rawExcerpt } from '../frames.js';
import { foreignOrigin, header, LOOPBACK_HOSTS, listen, readBody, reject } from './http-common.js';
import { HttpSession } from './streamable-http-session.js';
import { refuseDiscover } from './legacy-discover.js';
import { MODERN_HTTP_SESSION, ModernHttp, postIsModern } from './modern-http.js';
import type { BindOptions, TransportBinding } from '../binding.js';

export const MCP_PATH = '/mcp';

export interface StreamableHttpOptions extends BindOptions {
  /** How POST requests are answered: an SSE stream (default) or one JSON body. */
  responseMode?: 'sse' | 'json';
  /** Keep standalone-stream events so a client resuming with Last-Event-ID gets what it missed. */
  eventStore?: boolean;
  /** `retry:` sent on the standalone stream's priming event (ms before a client reconnects). */
  retryMs?: number;
  /** Offer the standalone GET stream (false answers GET with 405, as some real servers do). */
  allowGet?: boolean;
  /** Accept DELETE to end a session (false answers 405). */
  allowDelete?: boolean;
}

/** Streamable HTTP (2025-03-26 … 2025-11-25), stateful: sessions, standalone GET stream, SSE or JSON answers, replay. */
export async function bindStreamableHttp(
  mock: MockServer,
  options: StreamableHttpOptions = {},
): Promise<TransportBinding> {
  const { journal } = mock;
  const sessions = new Map<string, HttpSession>();
  const ended = new Set<string>();
  const allowedHosts = new Set([...LOOPBACK_HOSTS, ...(options.host ? [options.host] : [])]);
  const config = {
    responseMode: options.responseMode ?? 'sse',
    eventStore: options.eventStore ?? false,
    retryMs: options.retryMs,
  } as const;

  /** Finds the request's session, or answers 400/404 and returns undefined. */
  const sessionOf = (req: IncomingMessage, res: ServerResponse): HttpSession | undefined => {
    const id = header(req, 'mcp-session-id');
    if (!id) {
      reject(req, res, journal, { status: 400, reason: 'Bad Request: Mcp-Session-Id header is required' });
      return undefined;
    }
    const session = sessions.get(id);
    if (!session) {
      const why = ended.has(id) ? 'terminated' : 'unknown';
      reject(req, res, journal, { status: 404, reason: `Session not found (${why})`, code: -32001, session: id });
      return undefined;
    }
    const version = header(req, 'mcp-protocol-version');
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      reject(req, res, journal, {
        status: 400,
        reason: `Bad Request: unsupported MCP-Protocol-Version "${version}" (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
        session: id,
      });
      return undefined;
    }
    return session;
  };

  const createSession = async (): Promise<HttpSession> => {
    const id = randomUUID();
    const session = new HttpSession(id, journal, config, () => {
      sessions.delete(id);
      ended.add(id);
    });
    session.transport = await mock.openSession(session.wire(), id);
    sessions.set(id, session);
    return session;
  };

  const post = async (req: IncomingMessage, res: ServerResponse, arrivedAt: number) => {
    const accept = header(req, 'accept') ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return reject(req, res, journal, {
        status: 406,
        reason: 'Not Acceptable: Accept must list both application/json and text/event-stream',
      });
    }
    if (!(header(req, 'content-type') ?? '').includes('application/json')) {
      return reject(req, res, journal, {
        status: 415,
        reason: 'Unsupported Media Type: Content-Type must be application/json',
      });
    }
    const body = await readBody(req);
    if (body === undefined)
      return reject(req, res, journal, { status: 413, reason: 'request body too large' });
    const frames = parseFrames(body);
    if (!frames.ok) {
      journal.append({
        kind: 'frame-invalid',
        session: header(req, 'mcp-session-id'),
        error: frames.error,
        raw: rawExcerpt(body),
      });
      return reject(req, res, journal, { status: 400, reason: frames.error, code: frames.code });
    }
    if (modern && (!servesHandshake(mock.era) || postIsModern(req, frames.messages))) {
      return modern.post(req, res, frames.messages, frames.batch, arrivedAt);
    }
    if (!modern && refuseDiscover(req, res, journal, { how: mock.modern.refuseDiscover, messages: frames.messages })) return;
    const initializing = frames.messages.some(
      (message) => isRequest(message) && message.method === 'initialize',
    );
    let session: HttpSession | undefined;
    if (initializing) {
      if (frames.messages.length > 1) {
        return reject(req, res, journal, {
          status: 400,
          reason: 'Invalid Request: initialize must be sent alone',
        });
      }
      if (header(req, 'mcp-session-id')) {
        return reject(req, res, journal, {
          status: 400,
          reason: 'Bad Request: initialize must not carry Mcp-Session-Id',
        });
      }
      session = await createSession();
    } else {
      session = sessionOf(req, res);
      if (!session) return;
    }
    session.acceptPost(res, frames.messages, arrivedAt);
  };

  const get = (req: IncomingMessage, res: ServerResponse) => {
    if (options.allowGet === false) {
      return reject(req, res, journal, {
        status: 405,
        reason: 'Method Not Allowed: no standalone stream',
        headers: { allow: 'POST, DELETE' },
      });
    }
    if (!(header(req, 'accept') ?? '').includes('text/event-stream')) {
      return reject(req, res, journal, {
        status: 406,
        reason: 'Not Acceptable: Accept must list text/event-stream',
      });
    }
    const session = sessionOf(req, res);
    if (!session) return;
    if (session.hasStandalone) {
      return reject(req, res, journal, {
        status: 409,
        reason: 'Conflict: only one standalone SSE stream is allowed per session',
        session: session.id,
      });
    }
    session.openStandalone(res, header(req, 'last-event-id'));
  };

  const remove = (req: IncomingMessage, res: ServerResponse) => {
    if (options.allowDelete === false) {
      return reject(req, res, journal, {
        status: 405,
        reason: 'Method Not Allowed: sessions cannot be deleted',
        headers: { allow: 'GET, POST' },
      });
    }
    const session = sessionOf(req, res);
    if (!session) return;
    session.transport?.end('deleted by client', undefined, 'client');
    res.writeHead(200).end();
  };

  const modern = servesStateless(mock.era) ? new ModernHttp(mock, config.responseMode) : undefined;
  /** A modern-only endpoint answers GET and DELETE with 405 (streamable-http §Earlier revisions). */
  const modernOnly = (req: IncomingMessage, res: ServerResponse) =>
    reject(req, res, journal, {
      status: 405,
      reason: `Method Not Allowed: ${req.method} (the 2026-07-28 revision has no GET stream and no sessions)`,
      headers: { allow: 'POST' },
    });

  const listener = await listen((req, res) => {
    const arrivedAt = journal.clock.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = foreignOrigin(req, allowedHosts);
    if (refused) return reject(req, res, journal, { status: 403, reason: `Forbidden: ${refused}` });
    if (url.pathname !== MCP_PATH) {
      return reject(req, res, journal, { status: 404, reason: `Not Found: the MCP endpoint is ${MCP_PATH}` });
    }
    if (req.method === 'POST') return void post(req, res, arrivedAt).catch((error: unknown) => fail(req, res, error));
    if (!servesHandshake(mock.era) && (req.method === 'GET' || req.method === 'DELETE')) return modernOnly(req, res);
    if (req.method === 'GET') return get(req, res);
    if (req.method === 'DELETE') return remove(req, res);
    reject(req, res, journal, {
      status: 405,
      reason: `Method Not Allowed: ${req.method}`,
      headers: { allow: 'GET, POST, DELETE' },
    });
  }, options);

  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) =>
    reject(req, res, journal, {
      status: 500,
      reason: `Internal error: ${error instanceof Error ? error.message : String(error)}`,
    });

  return {
    kind: 'http',
    url: new URL(MCP_PATH, listener.url).href,
    close: async () => {
      for (const session of [...sessions.values()]) session.transport?.end('transport closed');
      mock.session(MODERN_HTTP_SESSION)?.transport.end('transport closed');
      await listener.close();
    },
  };
}
