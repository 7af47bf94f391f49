// Server mode, Streamable HTTP: a session S whose every SSE stream the harness reads itself, the standalone GET stream
// and each POST answered with an event stream, so that the trace says which stream of the session each message and each
// event id came on. The client library still runs the session (it reads a copy of each stream); the harness reads the other.
import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { EventBody } from '../../trace/events.js';
import type { Journal } from '../../trace/journal.js';
import { fetchOwnSignal } from '../probe/probe-transport.js';
import { journaledCall } from '../probe/probe-call.js';
import { readEvents, rpcFacts } from '../probe/sse-reader.js';

type SseNote = Omit<Extract<EventBody, { kind: 'probe-sse' }>, 'kind' | 'probe'>;

/** JSON with its keys sorted, so that one message serialised twice reads the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonical(each)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short digest of a message: the same message on two streams has the same digest. */
function digestOf(data: string): string {
  let text = data;
  try {
    text = canonical(JSON.parse(data));
  } catch {
    // Not JSON: digest the text as it came.
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The JSON-RPC method(s) a POST body carries, for naming its stream. */
function methodsOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    const frames = (Array.isArray(parsed) ? parsed : [parsed]) as { method?: unknown }[];
    const methods = frames.map((frame) => frame.method).filter((method): method is string => typeof method === 'string');
    return methods.length ? methods.join(',') : undefined;
  } catch {
    return undefined;
  }
}

export class StreamProbe {
  private client: Client | undefined;
  private streams = 0;
  /** Ends the harness's reading of every stream when the session closes. */
  private readonly ended = new AbortController();

  constructor(
    private readonly journal: Journal,
    private readonly url: string,
    readonly label = 'S',
  ) {}

  private note(body: SseNote): void {
    this.journal.append({ kind: 'probe-sse', probe: this.label, ...body });
  }

  /** Every request of the session goes through here: each event stream it is answered with is read twice. */
  private readonly fetch: FetchLike = async (url, init) => {
    const via = (init?.method ?? 'GET') === 'GET' ? 'GET' : 'POST';
    const response = await fetchOwnSignal(url, init);
    const stream = response.ok && Boolean(response.headers.get('content-type')?.includes('text/event-stream'));
    if (!stream || !response.body) {
      if (via === 'GET') this.note({ stream: ++this.streams, via, state: 'refused', status: response.status });
      return response;
    }
    const number = ++this.streams;
    const request = via === 'POST' ? methodsOf(init?.body) : undefined;
    const lastEventId = new Headers(init?.headers).get('last-event-id') ?? undefined;
    const named = { stream: number, via, ...(request === undefined ? {} : { request }) } as const;
    this.note({ ...named, state: 'opened', status: response.status, ...(lastEventId === undefined ? {} : { lastEventId }) });
    const [mine, theirs] = response.body.tee();
    void readEvents(mine, (event) => {
      const frame = event.data === '' ? undefined : rpcFacts(event.data);
      this.note({
        ...named,
        state: 'event',
        ...(event.id === undefined ? {} : { eventId: event.id }),
        ...(frame?.method === undefined ? {} : { method: frame.method }),
        ...(frame?.id === undefined ? {} : { messageId: frame.id }),
        ...(frame?.response ? { response: true } : {}),
        ...(event.data === '' ? {} : { digest: digestOf(event.data) }),
      });
    }, this.ended.signal).then(() => this.note({ ...named, state: 'closed' }));
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** Initializes the session (the client opens its GET stream after that). Throws when the server does not answer. */
  async connect(): Promise<void> {
    const client = new Client({ name: 'mcp-notify-check-probe', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(this.url), { fetch: this.fetch }));
    this.client = client;
  }

  /** Calls a tool on S's session (S makes the change whose announcement it reads); journaled, never throws. */
  async callTool(name: string, args: Record<string, unknown>): Promise<{ ok: boolean; message?: string }> {
    return journaledCall({ client: this.client, journal: this.journal, label: this.label }, name, args);
  }

  async close(): Promise<void> {
    this.ended.abort();
    await this.client?.close().catch(() => undefined);
  }
}
