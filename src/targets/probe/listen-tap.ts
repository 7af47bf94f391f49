// The 2026-07-28 probe's view of the wire, below the client library: what each listen request asked for, every
// acknowledgement and list_changed in the order the transport delivers them, the server's teardown of a listen
// (notifications/cancelled, or the result that answers the listen request), and each list page's caching hints as sent
// (the client rejects a page whose hints are invalid, so only here can they be read).
import { ACK_METHOD, LISTEN_FLAG, LISTEN_METHOD, META } from '../../mock-server/modern/protocol.js';
import { LIST_KINDS, LIST_METHOD, type ListKind, listOfChanged } from '../../model/words.js';

type Id = string | number;

/** A listen stream's acknowledgement, as it came off the wire. */
export interface Ack {
  /** The `subscriptionId` it carries (absent: none). */
  subscription?: Id;
  /** What the listen request asked for, if the probe sent it. */
  requested?: ListKind[];
  /** What the acknowledgement says the server honours. */
  honored: ListKind[];
}

/** The server ending a listen: a notifications/cancelled it sent, or the result that answers a listen request. */
export interface Teardown {
  how: 'cancelled' | 'completed';
  /** The request id the cancellation references, or the listen request the result answers (absent: none given). */
  requestId?: Id;
  /** The `subscriptionId` in the message's `_meta` (absent: none). */
  subscription?: Id;
  /** What the referenced request asked for, when it is one of the probe's listen requests. */
  requested?: ListKind[];
  /** The cancellation's reason, if it gave one. */
  reason?: string;
}

/** One list page as the server sent it: the caching hints as they were, whatever their type. */
export interface PageHints {
  list: ListKind;
  cursor?: string;
  nextCursor?: string;
  resultType?: unknown;
  ttlMs?: unknown;
  cacheScope?: unknown;
  error?: string;
}

export interface FrameHooks {
  /** A list_changed reached the probe (with the `subscriptionId` it carries, if any). */
  changed(list: ListKind, subscription?: Id): void;
  acknowledged?(ack: Ack): void;
  teardown?(teardown: Teardown): void;
  page?(page: PageHints): void;
}

/** The lists a listen filter (or an acknowledgement's `notifications`) names. */
function listsOfFilter(filter: unknown): ListKind[] {
  if (typeof filter !== 'object' || filter === null) return [];
  return LIST_KINDS.filter((list) => (filter as Record<string, unknown>)[LISTEN_FLAG[list]] === true);
}

const stampOf = (params: unknown): Id | undefined => {
  const meta = (params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  const stamp = meta?.[META.subscriptionId];
  return typeof stamp === 'string' || typeof stamp === 'number' ? stamp : undefined;
};

interface Frame {
  id?: Id;
  method?: string;
  params?: { notifications?: unknown; cursor?: unknown; requestId?: unknown; reason?: unknown };
  result?: Record<string, unknown>;
  error?: { message?: unknown };
}

interface Tappable {
  onmessage?: unknown;
  send: (message: never, options?: never) => Promise<void>;
}

/** A list request the probe sent: which list, from which cursor. */
interface ListAsked {
  list: ListKind;
  cursor?: string;
}

const LIST_OF_METHOD = new Map(LIST_KINDS.map((list) => [LIST_METHOD[list], list]));
const isId = (value: unknown): value is Id => typeof value === 'string' || typeof value === 'number';

/** Reads one incoming frame for the hooks; `listens` and `lists` are the probe's requests still unanswered. */
function read(frame: Frame, hooks: FrameHooks, listens: Map<Id, ListKind[]>, lists: Map<Id, ListAsked>): void {
  if (frame.method === ACK_METHOD) {
    const subscription = stampOf(frame.params);
    const asked = subscription === undefined ? undefined : listens.get(subscription);
    const honored = listsOfFilter(frame.params?.notifications);
    const stamped = subscription === undefined ? {} : { subscription };
    hooks.acknowledged?.({ ...stamped, ...(asked ? { requested: asked } : {}), honored });
  } else if (frame.method === 'notifications/cancelled') {
    const requestId = isId(frame.params?.requestId) ? frame.params.requestId : undefined;
    const subscription = stampOf(frame.params);
    const asked = requestId === undefined ? undefined : listens.get(requestId);
    const reason = typeof frame.params?.reason === 'string' ? frame.params.reason : undefined;
    hooks.teardown?.({
      how: 'cancelled', ...(requestId === undefined ? {} : { requestId }), ...(subscription === undefined ? {} : { subscription }),
      ...(asked ? { requested: asked } : {}), ...(reason === undefined ? {} : { reason }),
    });
  } else if (frame.method === undefined && frame.id !== undefined) {
    const asked = listens.get(frame.id);
    if (asked && frame.result) {
      const subscription = stampOf(frame.result);
      hooks.teardown?.({ how: 'completed', requestId: frame.id, requested: asked, ...(subscription === undefined ? {} : { subscription }) });
    }
    const page = lists.get(frame.id);
    lists.delete(frame.id);
    if (page && frame.result) {
      const { resultType, ttlMs, cacheScope, nextCursor } = frame.result;
      hooks.page?.({ ...page, ...(typeof nextCursor === 'string' ? { nextCursor } : {}), resultType, ttlMs, cacheScope });
    } else if (page) {
      hooks.page?.({ ...page, error: typeof frame.error?.message === 'string' ? frame.error.message : 'an error' });
    }
  } else {
    const list = listOfChanged(frame.method);
    if (list) hooks.changed(list, stampOf(frame.params));
  }
}

/**
 * Decorates a client transport: every incoming frame is read for the hooks before the client sees it, every listen
 * and list request is noted as it is sent. The client resolves `listen()` a tick after the ack, so only here is an
 * ack's order with the notifications behind it the wire's.
 */
export function tapListenFrames(transport: Tappable, hooks: FrameHooks): void {
  const listens = new Map<Id, ListKind[]>();
  const lists = new Map<Id, ListAsked>();
  let handler: ((message: unknown, extra?: unknown) => void) | undefined;
  const tapped = (message: unknown, extra?: unknown) => {
    read(message as Frame, hooks, listens, lists);
    handler?.(message, extra);
  };
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () => (handler ? tapped : undefined),
    set: (value: typeof handler) => (handler = value),
  });
  const send = transport.send.bind(transport);
  transport.send = (message: never, options?: never) => {
    const frame = message as Frame;
    const list = frame.method === undefined ? undefined : LIST_OF_METHOD.get(frame.method);
    if (frame.method === LISTEN_METHOD && frame.id !== undefined) {
      listens.set(frame.id, listsOfFilter(frame.params?.notifications));
    }
    if (list && frame.id !== undefined) {
      const cursor = frame.params?.cursor;
      lists.set(frame.id, { list, ...(typeof cursor === 'string' ? { cursor } : {}) });
    }
    return send(message, options);
  };
}
