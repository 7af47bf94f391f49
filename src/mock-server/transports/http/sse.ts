import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockServer } from '../../mock-server.js';
import type { WireTransport } from '../../wire-transport.js';
import { parseFrames, rawExcerpt } from '../frames.js';
import { foreignOrigin, LOOPBACK_HOSTS, listen, readBody, reject, SseStream } from './http-common.js';
import type { BindOptions, TransportBinding } from '../binding.js';
import { serialized } from '../../../trace/serialized.js';

export const SSE_PATH = '/sse';
export const MESSAGE_PATH = '/message';

/**
 * Legacy HTTP+SSE (2024-11-05): `GET /sse` opens the session's only stream and names the POST endpoint in an
 * `endpoint` event; `POST /message?sessionId=…` delivers client messages (202), answers travel on the stream.
 */
export async function bindSse(mock: MockServer, options: BindOptions = {}): Promise<TransportBinding> {
  const { journal } = mock;
  const sessions = new Map<string, { transport: WireTransport; stream: SseStream }>();
  const allowedHosts = new Set([...LOOPBACK_HOSTS, ...(options.host ? [options.host] : [])]);
  let streams = 0;

  const openStream = async (res: ServerResponse) => {
    const id = randomUUID();
    const streamId = `sse-${++streams}`;
    let transport: WireTransport | undefined;
    const stream = new SseStream(streamId, res, {}, (reason) => {
      journal.append({ kind: 'stream-closed', session: id, stream: streamId, reason });
      transport?.end('client disconnected');
    });
    transport = await mock.openSession(
      {
        kind: 'sse',
        write: (message) => {
          const data = serialized(message);
          if (!stream.write(data, { event: 'message' })) return { delivered: false, reason: 'stream closed' };
          journal.append({ kind: 'frame-sent', session: id, stream: streamId, message });
          return { delivered: true, stream: streamId };
        },
        close: () => {
          sessions.delete(id);
          if (stream.isOpen) {
            stream.end();
            journal.append({
              kind: 'stream-closed',
              session: id,
              stream: streamId,
              reason: 'closed by server',
            });
          }
        },
        // The stream is the session in legacy SSE: dropping it ends the session.
        dropStream: () => {
          if (!stream.isOpen) return false;
          queueMicrotask(() => transport?.end('stream dropped by server'));
          return true;
        },
      },
      id,
    );
    sessions.set(id, { transport, stream });
    journal.append({ kind: 'stream-opened', session: id, stream: streamId, role: 'sse' });
    stream.write(`${MESSAGE_PATH}?sessionId=${id}`, { event: 'endpoint' });
  };

  const postMessage = async (req: IncomingMessage, res: ServerResponse, url: URL, arrivedAt: number) => {
    const id = url.searchParams.get('sessionId') ?? '';
    const entry = sessions.get(id);
    if (!entry) {
      reject(req, res, journal, {
        status: 404,
        reason: `no session "${id}" (closed or never opened)`,
        code: -32001,
      });
      return;
    }
    const body = await readBody(req);
    if (body === undefined)
      return reject(req, res, journal, { status: 413, reason: 'request body too large', session: id });
    const frames = parseFrames(body);
    if (!frames.ok) {
      journal.append({ kind: 'frame-invalid', session: id, error: frames.error, raw: rawExcerpt(body) });
      return reject(req, res, journal, { status: 400, reason: frames.error, code: frames.code, session: id });
    }
    // Journal before replying, so the frame's time is its arrival.
    for (const message of frames.messages) entry.transport.receive(message, entry.stream.id, arrivedAt);
    res.writeHead(202).end('Accepted');
  };

  const listener = await listen((req, res) => {
    const arrivedAt = journal.clock.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = foreignOrigin(req, allowedHosts);
    if (refused) return reject(req, res, journal, { status: 403, reason: refused });
    if (req.method === 'GET' && url.pathname === SSE_PATH) return void openStream(res);
    if (req.method === 'POST' && url.pathname === MESSAGE_PATH) return void postMessage(req, res, url, arrivedAt);
    const status = url.pathname === SSE_PATH || url.pathname === MESSAGE_PATH ? 405 : 404;
    reject(req, res, journal, { status, reason: `${req.method} ${url.pathname} is not an SSE endpoint` });
  }, options);
  return {
    kind: 'sse',
    url: new URL(SSE_PATH, listener.url).href,
    close: async () => {
      for (const { transport } of [...sessions.values()]) transport.end('transport closed');
      await listener.close();
    },
  };
}
