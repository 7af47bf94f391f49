import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { type ListKind, probeMarkerOf } from '../../model/words.js';
import { type EventBody } from '../../trace/events.js';
import { advertised, listKindOf, RpcFailure, SERVER_INFO, serveItem, servePage, type SessionContext } from '../serving.js';
import type { Delivery } from '../wire-transport.js';
import { Listens } from './listens.js';
import {
  CANCELLED_METHOD,
  clientNameOf,
  DISCOVER_METHOD,
  errorResponse,
  LISTEN_METHOD,
  META,
  metaError,
  MODERN_ERRORS,
  MODERN_VERSION,
  type ModernError,
  unsupportedVersion,
} from './protocol.js';
import type { ModernControls, Route } from './route.js';

export type { ModernControls, Route } from './route.js';

/**
 * The modern era for one connection (a stdio process, or the Streamable HTTP endpoint): answers each request from
 * the shared catalogue, validates its `_meta`, and keeps the connection's listen streams. Nothing here depends on an
 * earlier request (the revision is stateless), except that the first valid request is journaled as the client
 * connecting, so a trace shows when the target arrived.
 */
export class ModernEndpoint {
  private readonly listens: Listens;
  private connected = false;

  constructor(
    readonly session: string,
    private readonly ctx: SessionContext,
    private readonly controls: ModernControls,
  ) {
    this.listens = new Listens(session, ctx, controls);
  }

  /** Validates a request's `_meta` as the HTTP binding must before it chooses a status and opens a response. */
  refuse(message: JSONRPCMessage): ModernError | undefined {
    if (!('method' in message) || !('id' in message)) return undefined;
    if (message.method === 'initialize') {
      // A legacy client's handshake: name the versions spoken here, so it can say why it cannot connect (versioning §Compatibility).
      const asked = (message.params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
      return unsupportedVersion(typeof asked === 'string' ? asked : '', this.controls.supported);
    }
    const wrong = metaError(message, this.controls.supported);
    if (wrong) return wrong;
    if (!this.knows(message.method)) {
      return { code: MODERN_ERRORS.methodNotFound, message: `Method not found: ${message.method}`, status: 404 };
    }
    return undefined;
  }

  /** Takes one message from the client (already journaled as received). */
  receive(message: JSONRPCMessage, route: Route): void {
    if (!('method' in message)) return; // clients send no responses in this era
    if (!('id' in message)) {
      if (message.method === CANCELLED_METHOD) this.listens.cancelled(message.params as { requestId?: RequestId } | undefined);
      return;
    }
    const refused = this.refuse(message);
    if (refused) {
      route.write(errorResponse(message.id, refused));
      route.finish(`refused: ${refused.message}`);
      return;
    }
    this.arrived(message);
    if (message.method === LISTEN_METHOD) return this.listens.open(message, route);
    void this.answer(message, route);
  }

  /** Sends `list_changed` on every listen stream of this connection that asked for it; one delivery per stream. */
  notifyListChanged(list: ListKind): Delivery[] {
    return this.listens.notifyListChanged(list);
  }

  /** Sends `notifications/resources/updated` to every listen stream subscribed to `uri`. */
  notifyResourceUpdated(uri: string): Delivery[] {
    return this.listens.notifyResourceUpdated(uri);
  }

  /** Ends every open listen stream from the server side (see `Listens.drop`); returns how many ended. */
  dropListens(graceful: boolean): number {
    return this.listens.drop(graceful);
  }

  /** The connection ended: its listen streams end with it. */
  close(reason: string, by: 'client' | 'server'): void {
    this.listens.close(reason, by);
  }

  private knows(method: string): boolean {
    return method === DISCOVER_METHOD || method === LISTEN_METHOD || listKindOf(method) !== undefined ||
      method === 'tools/call' || method === 'resources/read' || method === 'prompts/get';
  }

  private arrived(message: JSONRPCMessage): void {
    if (this.connected) return;
    this.connected = true;
    const event: EventBody = { kind: 'session-initialized', session: this.session, protocolVersion: MODERN_VERSION, era: 'modern' };
    const name = clientNameOf(message);
    if (name) event.clientName = name;
    this.ctx.journal.append(event);
  }

  private async answer(request: JSONRPCMessage & { method: string; id: RequestId }, route: Route): Promise<void> {
    const params = (request as { params?: Record<string, unknown> }).params;
    let result: Record<string, unknown>;
    try {
      if (request.method === DISCOVER_METHOD) {
        const capabilities = advertised(this.ctx.capabilities);
        result = { supportedVersions: [...this.controls.supported], capabilities, ...this.cacheHints() };
      } else if (listKindOf(request.method)) {
        const cursor = typeof params?.cursor === 'string' ? params.cursor : undefined;
        const marked = probeMarkerOf(request) !== undefined;
        const page = await servePage(this.ctx, this.session, request.method, cursor, request.id, marked);
        result = { ...page, ...this.cacheHints() };
      } else {
        const read = request.method === 'resources/read';
        result = await serveItem(this.ctx, this.session, request.method, params, request.id, MODERN_ERRORS.invalidParams);
        if (read) Object.assign(result, this.cacheHints());
      }
    } catch (error) {
      const failure = error instanceof RpcFailure ? error : new RpcFailure(-32603, String(error));
      route.write(errorResponse(request.id, { code: failure.code, message: failure.message, status: 200 }));
      route.finish('answered with an error');
      return;
    }
    route.write({
      jsonrpc: '2.0',
      id: request.id,
      result: { resultType: 'complete', ...result, _meta: { [META.serverInfo]: SERVER_INFO } },
    });
    route.finish('answered');
  }

  private cacheHints() {
    return { ttlMs: this.controls.ttlMs, cacheScope: 'public' as const };
  }
}
