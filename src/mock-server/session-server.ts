import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { HarnessError } from '../errors.js';
import { type EventBody } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import { VERSION } from '../version.js';
import type { Catalogue } from './catalogue.js';
import type { ItemTypes, Page } from './catalogue.js';
import type { Capabilities } from '../model/catalogue-schema.js';
import type { Holds } from './holds.js';
import type { Delivery, WireTransport } from './wire-transport.js';
import { CHANGED_METHOD, type ItemKind, itemKey, type ListKind, RESOURCE_UPDATED_METHOD } from '../model/words.js';

export const SERVER_INFO = { name: 'mcp-notify-check-mock', version: VERSION };

export interface SessionContext {
  catalogue: Catalogue;
  capabilities: Capabilities;
  holds: Holds;
  journal: Journal;
  /** Items per list page; 0 serves every list in one page. */
  pageSize: number;
}

/** One client session: its own SDK low-level `Server` over a journaling transport, sharing the catalogue. */
export class MockSession {
  // The low-level Server is deliberate: the mock needs byte-exact control that McpServer hides.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  readonly server: Server;
  readonly subscriptions = new Set<string>();
  initialized = false;

  constructor(
    readonly transport: WireTransport,
    private readonly ctx: SessionContext,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    this.server = new Server(SERVER_INFO, { capabilities: advertised(ctx.capabilities) });
    this.server.oninitialized = () => {
      this.initialized = true;
      const requested = this.server.getClientVersion();
      ctx.journal.append({
        kind: 'session-initialized',
        session: this.id,
        protocolVersion: this.transport.protocolVersion ?? LATEST_PROTOCOL_VERSION,
        ...(requested?.name ? { clientName: requested.name } : {}),
      });
    };
    this.installHandlers();
  }

  get id(): string {
    return this.transport.sessionId;
  }

  /** Connects the server to its transport; the SDK answers `initialize` from here on. */
  async start(): Promise<void> {
    await this.server.connect(this.transport);
    const receive = this.transport.onmessage;
    // Record the negotiated version the way the SDK computes it, for session-initialized.
    this.transport.onmessage = (message: JSONRPCMessage) => {
      if ('method' in message && message.method === 'initialize' && 'id' in message) {
        const requested = (message.params as { protocolVersion?: string } | undefined)?.protocolVersion ?? '';
        this.transport.protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
          ? requested
          : LATEST_PROTOCOL_VERSION;
      }
      receive?.(message);
    };
  }

  /** Sends `notifications/<list>/list_changed` on this session, bypassing capability checks on purpose. */
  notifyListChanged(list: ListKind): Delivery {
    return this.transport.deliver({ jsonrpc: '2.0', method: CHANGED_METHOD[list] });
  }

  /** Sends `notifications/resources/updated` for `uri`. */
  notifyResourceUpdated(uri: string): Delivery {
    return this.transport.deliver({
      jsonrpc: '2.0',
      method: RESOURCE_UPDATED_METHOD,
      params: { uri },
    });
  }

  private installHandlers(): void {
    const { catalogue } = this.ctx;
    this.list(ListToolsRequestSchema, 'tools', (items) => ({ tools: items }));
    this.list(ListResourcesRequestSchema, 'resources', (items) => ({ resources: items.map(resourceEntry) }));
    this.list(ListResourceTemplatesRequestSchema, 'resourceTemplates', (items) => ({
      resourceTemplates: items,
    }));
    this.list(ListPromptsRequestSchema, 'prompts', (items) => ({ prompts: items }));

    this.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const tool = catalogue.get('tools', request.params.name);
      if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
      await this.ctx.holds.gate(this.id, 'tools/call', extra.requestId);
      return {
        content: [
          {
            type: 'text',
            text: JSON.stringify({ tool: tool.name, arguments: request.params.arguments ?? {} }),
          },
        ],
      };
    });
    this.server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
      const resource = catalogue.get('resources', request.params.uri);
      if (!resource) throw new McpError(-32002, `Resource not found: ${request.params.uri}`);
      await this.ctx.holds.gate(this.id, 'resources/read', extra.requestId);
      return { contents: [{ uri: resource.uri, mimeType: resource.mimeType, text: resource.text }] };
    });
    this.server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => {
      const prompt = catalogue.get('prompts', request.params.name);
      if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
      await this.ctx.holds.gate(this.id, 'prompts/get', extra.requestId);
      return { messages: [{ role: 'user', content: { type: 'text', text: `prompt ${prompt.name}` } }] };
    });
    if (this.ctx.capabilities.resources.subscribe) {
      this.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
        this.subscriptions.add(request.params.uri);
        return {};
      });
      this.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
        this.subscriptions.delete(request.params.uri);
        return {};
      });
    }
  }

  /** Installs a paginated list handler: the page is taken when the request arrives, then gated (held/delayed). */
  private list<K extends ItemKind>(
    schema:
      | typeof ListToolsRequestSchema
      | typeof ListResourcesRequestSchema
      | typeof ListResourceTemplatesRequestSchema
      | typeof ListPromptsRequestSchema,
    kind: K,
    shape: (items: ItemTypes[K][]) => Record<string, unknown>,
  ): void {
    const method = schema.shape.method.value;
    this.server.setRequestHandler(schema, async (request, extra) => {
      const cursor = request.params?.cursor;
      let page: Page<ItemTypes[K]>;
      try {
        page = this.ctx.catalogue.page(kind, cursor, this.ctx.pageSize);
      } catch (error) {
        if (error instanceof HarnessError) throw new McpError(ErrorCode.InvalidParams, error.message);
        throw error;
      }
      await this.ctx.holds.gate(this.id, method, extra.requestId);
      const keys = page.items.map((item) => itemKey(kind, item as never));
      const served: EventBody = {
        kind: 'list-served',
        session: this.id,
        method,
        requestId: extra.requestId,
        revision: page.revision,
        keys,
      };
      if (cursor !== undefined) served.cursor = cursor;
      if (page.nextCursor !== undefined) served.nextCursor = page.nextCursor;
      this.ctx.journal.append(served);
      const result = shape(page.items);
      if (page.nextCursor) result.nextCursor = page.nextCursor;
      return result;
    });
  }
}

function resourceEntry(resource: { uri: string; name: string; mimeType: string }) {
  return { uri: resource.uri, name: resource.name, mimeType: resource.mimeType };
}

function advertised(capabilities: Capabilities) {
  return {
    tools: capabilities.tools.listChanged ? { listChanged: true } : {},
    resources: {
      ...(capabilities.resources.listChanged ? { listChanged: true } : {}),
      ...(capabilities.resources.subscribe ? { subscribe: true } : {}),
    },
    prompts: capabilities.prompts.listChanged ? { listChanged: true } : {},
  };
}
