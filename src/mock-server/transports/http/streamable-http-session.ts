import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { EventBody } from '../../../trace/events.js';
import type { Journal } from '../../../trace/journal.js';
import { type Delivery, isRequest, isResponse, type Wire, type WireTransport } from '../../wire-transport.js';
import { SseStream } from './http-common.js';
import { serialized } from '../../../trace/serialized.js';

export interface HttpSessionConfig {
  responseMode: 'sse' | 'json';
  eventStore: boolean;
  retryMs: number | undefined;
}

/** Where the answers to one POST go: its SSE stream, or one JSON body written when all are in. */
interface PostRoute {
  streamId: string;
  pending: Set<RequestId>;
  stream?: SseStream;
  json?: { res: ServerResponse; collected: JSONRPCMessage[]; open: boolean };
}

/** One Streamable HTTP session: its POST routes, its standalone GET stream and its event store. */
export class HttpSession {
  transport?: WireTransport;
  private standalone?: SseStream;
  private readonly routes = new Map<RequestId, PostRoute>();
  private readonly stored: { n: number; message: JSONRPCMessage }[] = [];
  private eventCounter = 0;
  private streamCounter = 0;

  constructor(
    readonly id: string,
    private readonly journal: Journal,
    private readonly config: HttpSessionConfig,
    private readonly onEnded: () => void,
  ) {}

  get hasStandalone(): boolean {
    return this.standalone?.isOpen ?? false;
  }

  wire(): Wire {
    return {
      kind: 'http',
      write: (message, related) => this.write(message, related),
      close: (reason) => this.close(reason),
      dropStream: () => this.dropStandalone(),
      // Nothing to wait for on this session: no standalone stream, no request in flight.
      idle: () => !this.hasStandalone && this.routes.size === 0,
    };
  }

  /**
   * Takes one POST's messages: 202 when none is a request, else an SSE stream or a pending JSON answer.
   * Messages are journaled before the reply's headers are written, so a frame's time is its arrival, not
   * arrival plus our own syscalls. They reach the SDK only once the route is open: the Server answers some
   * requests synchronously (-32601 for an unknown method), and such an answer must find where to go.
   */
  acceptPost(res: ServerResponse, messages: JSONRPCMessage[], arrivedAt?: number): void {
    const requests = messages.filter(isRequest);
    if (requests.length === 0) {
      for (const message of messages) this.transport?.receive(message, undefined, arrivedAt);
      res.writeHead(202, { 'mcp-session-id': this.id }).end();
      return;
    }
    const streamId = `post-${++this.streamCounter}`;
    const route: PostRoute = { streamId, pending: new Set(requests.map((request) => request.id)) };
    for (const request of requests) this.routes.set(request.id, route);
    for (const message of messages) this.transport?.record(message, streamId, arrivedAt);
    this.openRoute(route, res);
    for (const message of messages) this.transport?.dispatch(message);
  }

  /** Makes `res` the route's destination: a JSON body written when all answers are in, or an SSE stream. */
  private openRoute(route: PostRoute, res: ServerResponse): void {
    const { streamId } = route;
    if (this.config.responseMode === 'json') {
      route.json = { res, collected: [], open: true };
      res.on('close', () => {
        if (route.json) route.json.open = false;
      });
      return;
    }
    route.stream = new SseStream(streamId, res, { 'mcp-session-id': this.id }, (reason) =>
      this.journal.append({ kind: 'stream-closed', session: this.id, stream: streamId, reason }),
    );
    this.journal.append({ kind: 'stream-opened', session: this.id, stream: streamId, role: 'post' });
  }

  /** Opens the standalone stream, primes it for resumption, and replays what a resuming client missed. */
  openStandalone(res: ServerResponse, lastEventId: string | undefined): void {
    const streamId = `get-${++this.streamCounter}`;
    const stream = new SseStream(streamId, res, { 'mcp-session-id': this.id }, (reason) => {
      if (this.standalone === stream) this.standalone = undefined;
      this.journal.append({ kind: 'stream-closed', session: this.id, stream: streamId, reason });
    });
    this.standalone = stream;
    const opened: EventBody = { kind: 'stream-opened', session: this.id, stream: streamId, role: 'standalone' };
    if (lastEventId !== undefined) opened.lastEventId = lastEventId;
    if (this.config.eventStore) opened.primed = String(this.eventCounter);
    if (this.config.retryMs !== undefined) opened.retryMs = this.config.retryMs;
    this.journal.append(opened);
    if (this.config.eventStore || this.config.retryMs !== undefined) {
      // Priming event: gives the client a Last-Event-ID before any message, and the reconnect delay.
      stream.write('', { id: opened.primed, retryMs: this.config.retryMs });
    }
    if (!this.config.eventStore || lastEventId === undefined) return;
    const after = Number(lastEventId);
    if (!Number.isInteger(after)) return;
    for (const entry of this.stored) {
      if (entry.n <= after) continue;
      const eventId = String(entry.n);
      stream.write(JSON.stringify(entry.message), { event: 'message', id: eventId });
      this.journal.append({
        kind: 'frame-sent',
        session: this.id,
        stream: streamId,
        message: entry.message,
        eventId,
        replay: true,
      });
    }
  }

  private write(message: JSONRPCMessage, related: RequestId | undefined): Delivery {
    const route = related === undefined ? undefined : this.routes.get(related);
    return route ? this.writeToPost(route, message) : this.writeToStandalone(message);
  }

  private writeToPost(route: PostRoute, message: JSONRPCMessage): Delivery {
    const answered = isResponse(message);
    if (answered) {
      route.pending.delete(message.id);
      this.routes.delete(message.id);
    }
    const { streamId } = route;
    if (route.json) {
      if (!answered)
        return {
          delivered: false,
          reason: 'JSON response mode cannot carry notifications',
          stream: streamId,
        };
      if (!route.json.open)
        return { delivered: false, reason: 'request connection closed', stream: streamId };
      route.json.collected.push(message);
      this.journal.append({ kind: 'frame-sent', session: this.id, stream: streamId, message });
      if (route.pending.size === 0) {
        const { res, collected } = route.json;
        const body = JSON.stringify(collected.length === 1 ? collected[0] : collected);
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': this.id }).end(body);
      }
      return { delivered: true, stream: streamId };
    }
    const stream = route.stream;
    if (!stream?.write(serialized(message), { event: 'message' })) {
      return { delivered: false, reason: 'request stream closed', stream: streamId };
    }
    this.journal.append({ kind: 'frame-sent', session: this.id, stream: streamId, message });
    if (route.pending.size === 0) {
      stream.end();
      this.journal.append({
        kind: 'stream-closed',
        session: this.id,
        stream: streamId,
        reason: 'all responses sent',
      });
    }
    return { delivered: true, stream: streamId };
  }

  private writeToStandalone(message: JSONRPCMessage): Delivery {
    let eventId: string | undefined;
    if (this.config.eventStore) {
      const n = ++this.eventCounter;
      this.stored.push({ n, message });
      eventId = String(n);
    }
    const stream = this.standalone;
    if (!stream?.write(serialized(message), { event: 'message', id: eventId })) {
      const lost: Delivery = { delivered: false, reason: 'no standalone GET stream open' };
      if (this.config.eventStore) lost.stored = true;
      return lost;
    }
    const sent: EventBody = { kind: 'frame-sent', session: this.id, stream: stream.id, message };
    if (eventId) sent.eventId = eventId;
    this.journal.append(sent);
    return { delivered: true, stream: stream.id };
  }

  private dropStandalone(): boolean {
    const stream = this.standalone;
    if (!stream?.isOpen) return false;
    this.standalone = undefined;
    stream.end();
    this.journal.append({
      kind: 'stream-closed',
      session: this.id,
      stream: stream.id,
      reason: 'dropped by server',
    });
    return true;
  }

  private close(reason: string): void {
    this.onEnded();
    const stream = this.standalone;
    this.standalone = undefined;
    if (stream?.isOpen) {
      stream.end();
      this.journal.append({ kind: 'stream-closed', session: this.id, stream: stream.id, reason });
    }
    for (const route of new Set(this.routes.values())) {
      route.stream?.end();
      if (route.json?.open) route.json.res.writeHead(404).end();
    }
    this.routes.clear();
  }
}
