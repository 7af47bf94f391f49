import type { ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { errorMessage } from '../errors.js';
import type { Journal } from '../trace/journal.js';
import { ChildStdioTransport } from './child-stdio-transport.js';
import { listAll, nameOf } from './list-all.js';
import { CHANGED_METHOD, keyThroughToken, type ListKind, PROBE_MARKER } from '../model/words.js';

/** Why the probe lists: at connect, a second time to learn how the gateway routes lists, on a notification, … */
export type ListReason = 'initial' | 'calibrate' | 'notification' | 'poll' | 'final' | 'step';

/** How the probe reaches the gateway's downstream side. */
export type Downstream = { kind: 'stdio'; child: ChildProcess } | { kind: 'http' | 'sse'; url: string };

const CHANGED = {
  tools: ToolListChangedNotificationSchema,
  resources: ResourceListChangedNotificationSchema,
  prompts: PromptListChangedNotificationSchema,
} as const;

/**
 * The harness's downstream client in gateway mode: it journals what the gateway's users see — relayed or emitted
 * list_changed notifications and the gateway's lists — re-listing at once on every notification.
 */
export class Probe {
  private client: Client | undefined;
  private attempts = 0;
  private requests = 0;

  constructor(
    private readonly journal: Journal,
    private readonly token: string,
    private readonly downstream: Downstream,
  ) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Connects once (initialize); throws when the gateway does not answer. */
  async connect(): Promise<void> {
    this.attempts += 1;
    const client = new Client({ name: 'mcp-notify-check-probe', version: '1.0.0' });
    for (const list of Object.keys(CHANGED) as ListKind[]) {
      client.setNotificationHandler(CHANGED[list], () => {
        this.journal.append({ kind: 'probe-notification', method: CHANGED_METHOD[list] });
        void this.list(list, 'notification');
      });
    }
    client.onclose = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.journal.append({ kind: 'probe-disconnected', reason: 'closed by the gateway' });
    };
    await client.connect(this.transport());
    this.client = client;
    this.journal.append({ kind: 'probe-connected', attempt: this.attempts });
  }

  /** Lists every list the gateway offers, journaling each. */
  async listAll(reason: Exclude<ListReason, 'notification'>): Promise<void> {
    const capabilities = this.client?.getServerCapabilities() ?? {};
    for (const list of ['tools', 'resources', 'prompts'] as const) if (capabilities[list]) await this.list(list, reason);
  }

  /** Reads one whole list (following pages) and journals what the gateway showed. */
  async list(list: ListKind, reason: ListReason): Promise<void> {
    const client = this.client;
    if (!client) return;
    const requestedT = this.journal.clock.now() - this.journal.origin;
    this.requests += 1;
    try {
      // The marker proves, upstream, which lists were this probe's passed through (see PROBE_MARKER).
      const names = (await listAll(client, list, true, { [PROBE_MARKER]: `${reason}-${this.requests}` })).map(nameOf);
      const keys = names.map((name) => keyThroughToken(name, this.token)).filter((key): key is string => key !== undefined);
      this.journal.append({ kind: 'probe-list', list, reason, requestedT: Math.round(requestedT * 1000) / 1000, names, keys });
    } catch (error) {
      this.journal.append({ kind: 'probe-error', message: `${list} list failed: ${errorMessage(error)}` });
    }
  }

  /**
   * Calls the first upstream tool (recognised by the token) through the gateway: a lazy gateway opens its upstream
   * session only when a user calls a tool, and keeps it for that user. Journaled either way; never throws.
   */
  async callUpstreamTool(): Promise<void> {
    const client = this.client;
    if (!client) return;
    let tool: string | undefined;
    try {
      tool = (await listAll(client, 'tools')).map(nameOf).find((name) => keyThroughToken(name, this.token) !== undefined);
      if (!tool) {
        this.journal.append({ kind: 'probe-call', tool: '', ok: false, message: 'the gateway shows no upstream tool to call' });
        return;
      }
      const result = await client.callTool({ name: tool, arguments: { text: 'mcp-notify-check probe' } });
      this.journal.append({ kind: 'probe-call', tool, ok: result.isError !== true });
    } catch (error) {
      this.journal.append({ kind: 'probe-call', tool: tool ?? '', ok: false, message: errorMessage(error) });
    }
  }

  async disconnect(reason: string): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.journal.append({ kind: 'probe-disconnected', reason });
    await client.close().catch(() => undefined);
  }

  private transport(): Transport {
    const downstream = this.downstream;
    if (downstream.kind === 'stdio') return new ChildStdioTransport(downstream.child);
    if (downstream.kind === 'sse') {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- gateways still serve legacy SSE downstream
      return new SSEClientTransport(new URL(downstream.url));
    }
    return new StreamableHTTPClientTransport(new URL(downstream.url), {
      reconnectionOptions: {
        initialReconnectionDelay: 200,
        maxReconnectionDelay: 2_000,
        reconnectionDelayGrowFactor: 1.5,
        maxRetries: 5,
      },
    });
  }
}
