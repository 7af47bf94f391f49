import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { errorMessage } from '../errors.js';
import type { Journal } from '../trace/journal.js';
import { listAll, nameOf } from './list-all.js';
import { type Downstream, type ProbeConnection, probeTransport, type Refusal, refusalError } from './probe-transport.js';
import { CHANGED_METHOD, keyThroughToken, type ListKind, PROBE_MARKER } from '../model/words.js';

export type { Downstream } from './probe-transport.js';

/** Why the probe lists: at connect, a second time to learn how the gateway routes lists, on a notification, … */
export type ListReason = 'initial' | 'calibrate' | 'notification' | 'poll' | 'final' | 'step';

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
  private readonly connection: () => ProbeConnection;

  /**
   * `connection` is a fixed downstream, or a function asked at each connect (the gateway target renders the URL and
   * headers after its setup hook); `redact` masks header values in whatever the probe journals.
   */
  constructor(
    private readonly journal: Journal,
    private readonly token: string,
    connection: Downstream | (() => ProbeConnection),
    private readonly redact: (text: string) => string = (text) => text,
  ) {
    this.connection = typeof connection === 'function' ? connection : () => ({ downstream: connection, headers: {} });
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /**
   * Connects once (initialize); throws when the gateway does not answer, and throws a HarnessError at once when it
   * refused the probe (401/403): more attempts would not change that.
   */
  async connect(): Promise<void> {
    this.attempts += 1;
    const connection = this.connection();
    let refusal: Refusal | undefined;
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
    try {
      await client.connect(probeTransport(connection, (seen) => (refusal = seen)));
    } catch (error) {
      await client.close().catch(() => undefined);
      if (refusal) throw refusalError(refusal, Object.keys(connection.headers), this.redact);
      throw new Error(this.redact(errorMessage(error)), { cause: error });
    }
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
      this.journal.append({ kind: 'probe-error', message: this.redact(`${list} list failed: ${errorMessage(error)}`) });
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
      this.journal.append({ kind: 'probe-call', tool: tool ?? '', ok: false, message: this.redact(errorMessage(error)) });
    }
  }

  async disconnect(reason: string): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.journal.append({ kind: 'probe-disconnected', reason });
    await client.close().catch(() => undefined);
  }
}
