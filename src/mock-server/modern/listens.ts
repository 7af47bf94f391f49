import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { CHANGED_METHOD, type ListKind, RESOURCE_UPDATED_METHOD } from '../../model/words.js';
import { SERVER_INFO, type SessionContext } from '../serving.js';
import { type Delivery, journalDelivery } from '../wire-transport.js';
import { ACK_METHOD, CANCELLED_METHOD, errorResponse, filterEntries, LISTEN_FLAG, type ListenFilter, META, MODERN_ERRORS, requestedFilter } from './protocol.js';
import type { ModernControls, Route } from './route.js';

/** One open `subscriptions/listen` request. */
interface Subscription {
  id: RequestId;
  route: Route;
  honoured: ListenFilter;
  acknowledged: boolean;
  open: boolean;
  ackTimer?: NodeJS.Timeout;
}

/**
 * One connection's `subscriptions/listen` streams: each opened with a filter, acknowledged first (maybe late), then
 * given only the notifications it asked for, each tagged with its id; ended by the client or, as a fault, the server.
 * Every delivery, and every notification kept from a stream, is journaled with why.
 */
export class Listens {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly session: string,
    private readonly ctx: SessionContext,
    private readonly controls: ModernControls,
  ) {}

  /** Sends `list_changed` on every listen stream of this connection that asked for it; one delivery per stream. */
  notifyListChanged(list: ListKind): Delivery[] {
    const method = CHANGED_METHOD[list];
    return this.deliverToListens(method, (filter) => filter[LISTEN_FLAG[list]] === true, LISTEN_FLAG[list]);
  }

  /** Sends `notifications/resources/updated` to every listen stream subscribed to `uri`. */
  notifyResourceUpdated(uri: string): Delivery[] {
    return this.deliverToListens(
      RESOURCE_UPDATED_METHOD,
      (filter) => filter.resourceSubscriptions?.includes(uri) === true,
      `resourceSubscriptions ${uri}`,
      { uri },
    );
  }

  /**
   * Ends every open listen stream from the server side: `graceful` sends the listen result first (the spec's SHOULD);
   * otherwise the stream just closes (HTTP) or, on stdio's shared pipe where no stream can close on its own, the server
   * cancels the listen request (`notifications/cancelled`, the stdio form of an ended stream). Returns how many ended.
   */
  drop(graceful: boolean): number {
    const open = this.subscriptions.filter((subscription) => subscription.open);
    for (const subscription of open) {
      const { route, id } = subscription;
      const meta = { [META.subscriptionId]: id };
      // Nothing goes on a stream before its acknowledgement, an ending included: an unacknowledged one just ends.
      if (graceful && subscription.acknowledged) {
        route.write({ jsonrpc: '2.0', id, result: { resultType: 'complete', _meta: { ...meta, [META.serverInfo]: SERVER_INFO } } });
      } else if (!route.closeable && subscription.acknowledged) {
        route.write({ jsonrpc: '2.0', method: CANCELLED_METHOD, params: { requestId: id, reason: 'listen stream dropped by server', _meta: meta } });
      }
      const how = graceful ? 'ended by server with a result' : route.closeable ? 'dropped by server' : 'cancelled by server';
      this.closeListen(subscription, how, 'server');
    }
    return open.length;
  }

  /** The connection ended: its listen streams end with it. */
  close(reason: string, by: 'client' | 'server'): void {
    for (const subscription of this.subscriptions.filter((entry) => entry.open)) this.closeListen(subscription, reason, by);
  }

  /** Opens a listen stream: honours what the server can send, acknowledges (maybe late), then delivers. */
  open(request: JSONRPCMessage & { id: RequestId }, route: Route): void {
    const asked = requestedFilter(request);
    if (!asked) {
      route.write(errorResponse(request.id, { code: MODERN_ERRORS.invalidParams, message: 'subscriptions/listen needs params.notifications', status: 400 }));
      route.finish('refused: no notifications filter');
      return;
    }
    const honoured = this.honour(asked);
    const subscription: Subscription = { id: request.id, route, honoured, acknowledged: false, open: true };
    this.subscriptions.push(subscription);
    this.ctx.journal.append({
      kind: 'listen-opened',
      session: this.session,
      stream: route.stream,
      subscription: String(request.id),
      requested: filterEntries(asked),
      honoured: filterEntries(honoured),
    });
    route.onGone((reason) => this.closeListen(subscription, reason, 'client'));
    const acknowledge = () => {
      subscription.ackTimer = undefined;
      if (!subscription.open) return;
      const delivery = route.write({
        jsonrpc: '2.0',
        method: ACK_METHOD,
        params: { _meta: { [META.subscriptionId]: request.id }, notifications: honoured },
      });
      subscription.acknowledged = delivery.delivered;
      this.ctx.journal.append({
        kind: 'listen-acknowledged',
        session: this.session,
        stream: route.stream,
        subscription: String(request.id),
        delivered: delivery.delivered,
      });
      // The client went away before its stream could be acknowledged (it aborted while the POST was read): end it here,
      // or it would stay open, unacknowledged, keeping every later notification from being counted as delivered.
      if (!delivery.delivered) {
        this.closeListen(subscription, `gone before its acknowledgement (${delivery.reason ?? 'not delivered'})`, 'client');
        route.finish('gone before its acknowledgement');
      }
    };
    if (this.controls.ackDelayMs > 0) subscription.ackTimer = setTimeout(acknowledge, this.controls.ackDelayMs);
    else acknowledge();
  }

  /** The part of a filter this server honours: list flags it advertises `listChanged` for, resources if it can subscribe. */
  private honour(asked: ListenFilter): ListenFilter {
    const { capabilities } = this.ctx;
    const honoured: ListenFilter = {};
    for (const [list, flag] of Object.entries(LISTEN_FLAG) as [ListKind, (typeof LISTEN_FLAG)[ListKind]][]) {
      if (asked[flag] && capabilities[list].listChanged) honoured[flag] = true;
    }
    if (asked.resourceSubscriptions && capabilities.resources.subscribe) {
      honoured.resourceSubscriptions = [...asked.resourceSubscriptions];
    }
    return honoured;
  }

  private deliverToListens(
    method: string,
    wants: (filter: ListenFilter) => boolean,
    flag: string,
    params: Record<string, unknown> = {},
  ): Delivery[] {
    const open = this.subscriptions.filter((subscription) => subscription.open);
    if (open.length === 0) return [this.journalDelivery(method, { delivered: false, reason: 'no subscriptions/listen stream open' })];
    return open.map((subscription) => {
      const subscriptionId = String(subscription.id);
      if (!wants(subscription.honoured)) {
        return this.journalDelivery(method, { delivered: false, reason: `listen ${subscriptionId} did not subscribe to ${flag}` }, subscriptionId);
      }
      if (!subscription.acknowledged) {
        return this.journalDelivery(method, { delivered: false, reason: `listen ${subscriptionId} not acknowledged yet` }, subscriptionId);
      }
      const delivery = subscription.route.write({
        jsonrpc: '2.0',
        method,
        params: { ...params, _meta: { [META.subscriptionId]: subscription.id } },
      });
      return this.journalDelivery(method, delivery, subscriptionId);
    });
  }

  private journalDelivery(method: string, delivery: Delivery, subscription?: string): Delivery {
    journalDelivery(this.ctx.journal, this.session, method, delivery, subscription);
    return delivery;
  }

  /**
   * The client cancelled a request on stdio: if it is a listen, that stream ends. On HTTP a client cancels by closing
   * the stream, and listen ids are only unique per client, so a `notifications/cancelled` POST ends nothing.
   */
  cancelled(params: { requestId?: RequestId } | undefined): void {
    const subscription = this.subscriptions.find(
      (entry) => entry.open && !entry.route.closeable && entry.id === params?.requestId,
    );
    if (subscription) this.closeListen(subscription, 'cancelled by client', 'client');
  }

  private closeListen(subscription: Subscription, reason: string, by: 'client' | 'server'): void {
    if (!subscription.open) return;
    subscription.open = false;
    clearTimeout(subscription.ackTimer);
    this.subscriptions.splice(this.subscriptions.indexOf(subscription), 1);
    this.ctx.journal.append({
      kind: 'listen-closed',
      session: this.session,
      stream: subscription.route.stream,
      subscription: String(subscription.id),
      reason,
      by,
    });
    if (by === 'server') subscription.route.finish(reason);
  }
}
