import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  type JSONRPCMessage,
  type JSONRPCRequest,
  LATEST_PROTOCOL_VERSION,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { REFUSAL_ERROR } from '../model/discover-refusal.js';
import { handshakeRevisions, servesHandshake, servesStateless } from '../model/eras/all-eras.js';
import { CHANGED_METHOD, type ListKind, type MockEra, probeMarkerOf, RESOURCE_UPDATED_METHOD } from '../model/words.js';
import { type ModernControls, ModernEndpoint, type Route } from './modern/endpoint.js';
import { DISCOVER_METHOD, errorResponse, isModernMessage } from './modern/protocol.js';
import { advertised, RpcFailure, SERVER_INFO, serveItem, servePage, type SessionContext } from './serving.js';
import { type Delivery, isRequest, type WireTransport } from './wire-transport.js';

export { SERVER_INFO, type SessionContext } from './serving.js';

/** What a session serves: its era setting and, for the modern era, the listen and cache knobs. */
export interface EraContext {
  era: MockEra;
  modern: ModernControls;
}

/** One client session: its own SDK low-level `Server` over a journaling transport, sharing the catalogue. */
export class MockSession {
  // The low-level Server is deliberate: the mock needs byte-exact control that McpServer hides.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  readonly server: Server;
  readonly subscriptions = new Set<string>();
  initialized = false;
  /** The modern era on this connection (modern or dual-era mocks). */
  readonly modern: ModernEndpoint | undefined;
  /** Set by the first modern message on a dual-era connection: from then on notifications go to its listen streams. */
  private spokeModern = false;

  constructor(
    readonly transport: WireTransport,
    private readonly ctx: SessionContext,
    private readonly era: EraContext = { era: 'legacy', modern: { ackDelayMs: 0, ttlMs: 0, supported: [] } },
  ) {
    this.modern = servesStateless(era.era) ? new ModernEndpoint(transport.sessionId, ctx, era.modern) : undefined;
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

  /** Connects the server to its transport; the SDK answers `initialize` from here on, the modern endpoint the rest. */
  async start(): Promise<void> {
    await this.server.connect(this.transport);
    const receive = this.transport.onmessage;
    const route = this.stdioRoute();
    // Record the negotiated version the way the SDK computes it, for session-initialized.
    this.transport.onmessage = (message: JSONRPCMessage) => {
      if (this.modern && this.routesModern(message)) return this.receiveModern(message, route);
      if (!this.modern && this.refusesDiscover(message)) return;
      if (isRequest(message) && message.method === 'initialize') return receive?.(this.negotiated(message));
      receive?.(message);
    };
  }

  /**
   * Sends `notifications/<list>/list_changed` on this session, bypassing capability checks on purpose: legacy on the
   * session's stream, modern on each listen stream that asked for it (one delivery each).
   */
  notifyListChanged(list: ListKind): Delivery[] {
    if (this.modern && this.isModern) return this.modern.notifyListChanged(list);
    return [this.transport.deliver({ jsonrpc: '2.0', method: CHANGED_METHOD[list] })];
  }

  /** Sends `notifications/resources/updated` for `uri` to the session (legacy: it subscribed) or its listen streams. */
  notifyResourceUpdated(uri: string): Delivery[] {
    if (this.modern && this.isModern) return this.modern.notifyResourceUpdated(uri);
    if (!this.subscriptions.has(uri)) return [];
    return [this.transport.deliver({ jsonrpc: '2.0', method: RESOURCE_UPDATED_METHOD, params: { uri } })];
  }

  /** Closes the session's standalone stream (legacy) or its listen streams (modern); false when none was open. */
  dropStream(graceful: boolean): boolean {
    if (this.modern && this.isModern) return this.modern.dropListens(graceful) > 0;
    return this.transport.dropStream();
  }

  /** Hands a modern message to the endpoint; from then on this session's notifications go to its listen streams. */
  receiveModern(message: JSONRPCMessage, route: Route): void {
    this.spokeModern = true;
    this.modern?.receive(message, route);
  }

  /** The session speaks the modern era: a modern-only mock, or a dual-era one whose client spoke modern. */
  get isModern(): boolean {
    return !servesHandshake(this.era.era) || this.spokeModern;
  }

  /**
   * The handshake in a revision of the eras served: the one asked for when it is one of them, else the newest. The SDK
   * answers the version it is asked for when it knows it, so the request it sees asks for the one chosen here.
   */
  private negotiated(message: JSONRPCRequest): JSONRPCRequest {
    const requested = (message.params as { protocolVersion?: string } | undefined)?.protocolVersion ?? '';
    const revisions = handshakeRevisions(this.era.era);
    const chosen = revisions.includes(requested) ? requested : (revisions[0] ?? LATEST_PROTOCOL_VERSION);
    this.transport.protocolVersion = chosen;
    return chosen === requested ? message : { ...message, params: { ...message.params, protocolVersion: chosen } };
  }

  /** A 2025-only session told how to refuse `server/discover` answers it so (true); else the SDK answers -32601. */
  private refusesDiscover(message: JSONRPCMessage): boolean {
    const how = this.era.modern.refuseDiscover;
    const error = how && REFUSAL_ERROR[how];
    if (!error || !isRequest(message) || message.method !== DISCOVER_METHOD) return false;
    this.transport.write(errorResponse(message.id, { ...error, status: 200 }));
    return true;
  }

  /** A modern-only endpoint takes everything; a dual-era one takes what a modern client sends. */
  private routesModern(message: JSONRPCMessage): boolean {
    if (!servesHandshake(this.era.era)) return true;
    // A dual-era client may discover, then choose a legacy version and initialize: from then on it is a legacy session.
    if ('method' in message && message.method === 'initialize') {
      this.spokeModern = false;
      return false;
    }
    return isModernMessage(message) || (this.spokeModern && !('id' in message) && 'method' in message);
  }

  /**
   * stdio: every answer and listen notification goes down the one pipe, in order. The connection's end ends every listen
   * stream on it (from the side that ended it), so the route needs no listeners of its own for the client going away.
   */
  private stdioRoute(): Route {
    const onclose = this.transport.onclose;
    this.transport.onclose = () => {
      this.modern?.close(this.transport.endReason ?? 'connection closed', this.transport.endedBy ?? 'client');
      onclose?.();
    };
    return {
      stream: `${this.id}:stdio`,
      closeable: false,
      write: (message) => this.transport.write(message),
      finish: () => undefined,
      onGone: () => undefined,
    };
  }

  private installHandlers(): void {
    const lists = [
      ListToolsRequestSchema,
      ListResourcesRequestSchema,
      ListResourceTemplatesRequestSchema,
      ListPromptsRequestSchema,
    ];
    for (const schema of lists) {
      this.server.setRequestHandler(schema, (request, extra) => {
        const marked = probeMarkerOf(request) !== undefined;
        return legacy(() => servePage(this.ctx, this.id, request.method, request.params?.cursor, extra.requestId, marked));
      });
    }
    for (const schema of [CallToolRequestSchema, ReadResourceRequestSchema, GetPromptRequestSchema]) {
      this.server.setRequestHandler(schema, (request, extra) =>
        legacy(() => serveItem(this.ctx, this.id, request.method, request.params, extra.requestId, -32002)));
    }
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
}

/** Runs a shared handler for the SDK server: a refusal becomes the McpError the SDK frames. */
async function legacy<T>(serve: () => Promise<T>): Promise<T> {
  try {
    return await serve();
  } catch (error) {
    if (error instanceof RpcFailure) throw new McpError(error.code, error.message);
    throw error;
  }
}
