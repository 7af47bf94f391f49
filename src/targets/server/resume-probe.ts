// Server mode, server-resume: a session whose standalone GET stream the harness opens, reads, drops and re-opens with
// Last-Event-ID itself (raw fetch), so that when the stream is down and what it sends on the resume are the harness's
// choice, not a client library's reconnection schedule.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { errorMessage } from '../../errors.js';
import { CHANGED_METHOD, type ListKind } from '../../model/words.js';
import { pause } from '../../steps/op.js';
import type { EventBody } from '../../trace/events.js';
import type { Journal } from '../../trace/journal.js';
import { CHANGED } from '../probe/probe-session.js';
import { watchingFetch } from '../probe/probe-transport.js';
import { journaledCall } from '../probe/probe-call.js';
import { readEvents, rpcFacts } from '../probe/sse-reader.js';

/** A resume answered 409 (the server has not yet seen the old stream close) is tried again this often, this many times. */
const CONFLICT_RETRY_MS = 100;
const CONFLICT_RETRIES = 10;

type StreamEvent = Omit<Extract<EventBody, { kind: 'probe-stream' }>, 'kind' | 'probe'>;

export class ResumeProbe {
  private client: Client | undefined;
  private transport: StreamableHTTPClientTransport | undefined;
  private stream: AbortController | undefined;
  /** The last SSE event id seen on the GET stream. */
  lastEventId: string | undefined;

  constructor(
    private readonly journal: Journal,
    private readonly url: string,
    private readonly label = 'R',
  ) {}

  private note(body: StreamEvent): void {
    this.journal.append({ kind: 'probe-stream', probe: this.label, ...body });
  }

  /** Initializes a session that opens no GET stream of its own (the harness opens it raw). Throws when the server does not answer. */
  async connect(): Promise<void> {
    const transport = new StreamableHTTPClientTransport(new URL(this.url), { fetch: watchingFetch(() => undefined, true) });
    const client = new Client({ name: 'mcp-notify-check-probe', version: '1.0.0' });
    // What the server sends with a request's answer (on that POST's stream) rather than on the GET stream.
    for (const [list, schema] of Object.entries(CHANGED)) {
      client.setNotificationHandler(schema, () => void this.journal.append({ kind: 'probe-notification', method: CHANGED_METHOD[list as ListKind], probe: this.label }));
    }
    await client.connect(transport);
    this.client = client;
    this.transport = transport;
  }

  /**
   * Opens the session's GET stream (with Last-Event-ID when resuming), retrying a 409 a few times; resolves once the
   * server answered. Messages are journaled as they come, until `drop()` or the cell ends.
   */
  async open(resume: boolean, signal: AbortSignal): Promise<boolean> {
    const transport = this.transport;
    if (!transport?.sessionId) return false;
    const headers: Record<string, string> = {
      'accept': 'text/event-stream',
      'mcp-session-id': transport.sessionId,
      ...(transport.protocolVersion ? { 'mcp-protocol-version': transport.protocolVersion } : {}),
      ...(resume && this.lastEventId !== undefined ? { 'last-event-id': this.lastEventId } : {}),
    };
    const sent = resume ? { ...(this.lastEventId === undefined ? {} : { lastEventId: this.lastEventId }) } : {};
    for (let attempt = 0; ; attempt += 1) {
      const stream = new AbortController();
      const onAbort = () => stream.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      let response: Response;
      try {
        response = await fetch(this.url, { method: 'GET', headers, signal: stream.signal });
      } catch (error) {
        signal.removeEventListener('abort', onAbort);
        this.note({ state: 'refused', detail: `GET failed: ${errorMessage(error)}`, ...sent });
        return false;
      }
      if (response.status === 409 && attempt < CONFLICT_RETRIES && !signal.aborted) {
        signal.removeEventListener('abort', onAbort);
        await response.body?.cancel().catch(() => undefined);
        await pause(CONFLICT_RETRY_MS, signal);
        continue;
      }
      if (!response.ok || !response.body) {
        signal.removeEventListener('abort', onAbort);
        const body = (await response.text().catch(() => '')).trim().slice(0, 200);
        this.note({ state: 'refused', status: response.status, ...(body ? { detail: body } : {}), ...sent });
        return false;
      }
      this.stream = stream;
      this.note({ state: resume ? 'resumed' : 'opened', status: response.status, ...sent });
      void this.read(response.body, () => signal.removeEventListener('abort', onAbort));
      return true;
    }
  }

  private async read(body: ReadableStream<Uint8Array>, done: () => void): Promise<void> {
    await readEvents(body, (event) => {
      if (event.id !== undefined) this.lastEventId = event.id;
      // A priming event (an id, empty data) only marks where a resume may start.
      if (event.data === '') return;
      const frame = rpcFacts(event.data);
      this.note({
        state: 'message',
        ...(event.id === undefined ? {} : { eventId: event.id }),
        ...(frame?.method === undefined ? {} : { method: frame.method }),
        ...(frame?.response ? { response: true } : {}),
      });
    });
    done();
  }

  /** Drops the GET stream (the harness's side of the connection closes). */
  drop(): void {
    if (!this.stream) return;
    this.stream.abort();
    this.stream = undefined;
    this.note({ state: 'dropped', ...(this.lastEventId === undefined ? {} : { lastEventId: this.lastEventId }) });
  }

  /** Calls a tool on R's session (R makes the changes it resumes across); journaled, never throws. */
  async callTool(name: string, args: Record<string, unknown>): Promise<{ ok: boolean; message?: string }> {
    return journaledCall({ client: this.client, journal: this.journal, label: this.label }, name, args);
  }

  async close(): Promise<void> {
    this.stream?.abort();
    this.stream = undefined;
    await this.client?.close().catch(() => undefined);
  }
}
