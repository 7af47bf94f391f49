// One downstream connection of the gateway probe, in the era it speaks: a 2025 session (SDK v1 client: initialize,
// list_changed on the session) or a 2026-07-28 connection (SDK v2 client pinned to that revision: server/discover,
// list_changed on a subscriptions/listen stream the probe opens and re-opens).
import { Client as ModernClient, type McpSubscription, StreamableHTTPClientTransport as ModernHttpTransport } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { errorMessage } from '../errors.js';
import { ACK_METHOD, LISTEN_FLAG, LISTEN_METHOD, META, MODERN_VERSION } from '../mock-server/modern/protocol.js';
import { CHANGED_METHOD, type Era, LIST_KINDS, LIST_METHOD, type ListKind, listOfChanged } from '../model/words.js';
import { ChildStdioTransport } from './child-stdio-transport.js';
import { listPage } from './list-all.js';
import { type ProbeConnection, probeTransport, type Refusal, watchingFetch } from './probe-transport.js';

/** One page of a list, as the gateway answered it. */
export interface ListPage {
  items: { name?: string; uri?: string }[];
  nextCursor?: string;
}

/** What the probe needs of a downstream connection, whichever era it speaks. */
export interface ProbeSession {
  /** The lists the gateway offers downstream. */
  readonly lists: readonly ListKind[];
  /** The lists whose changes it says it announces (`listChanged` in its capabilities). */
  readonly announced: readonly ListKind[];
  page(list: ListKind, cursor: string | undefined, meta: Record<string, unknown>): Promise<ListPage>;
  callTool(name: string, args: Record<string, unknown>): Promise<{ isError?: boolean }>;
  /** 2026-07-28: opens one more listen stream, for `lists` only (not re-opened when it ends); throws in the 2025 era. */
  listen(lists: readonly ListKind[]): Promise<void>;
  close(): Promise<void>;
}

/** A listen stream's acknowledgement, as it came off the wire. */
export interface Ack {
  /** The `subscriptionId` it carries (absent: none). */
  subscription?: string | number;
  /** What the listen request asked for, if the probe sent it. */
  requested?: ListKind[];
  /** What the acknowledgement says the server honours. */
  honored: ListKind[];
}

export interface SessionHooks {
  /** A list_changed reached the probe (2026-07-28: with the `subscriptionId` it carries, if any). */
  changed(list: ListKind, subscription?: string | number): void;
  /** 2026-07-28: a listen stream's acknowledgement came off the wire (journaled in wire order with the notifications). */
  acknowledged?(ack: Ack): void;
  /** The connection ended from the gateway's side. */
  closed(): void;
  /**
   * The modern era's listen stream: ended by the gateway, or acknowledged again after that (nothing is replayed in this
   * era, so the probe lists again).
   */
  listen(state: 'ended' | 'reopened', detail: string): void;
  /** A 401/403 the gateway answered with. */
  refused(refusal: Refusal): void;
}

/** The SDK v1 schemas of the three list_changed notifications. */
export const CHANGED = {
  tools: ToolListChangedNotificationSchema,
  resources: ResourceListChangedNotificationSchema,
  prompts: PromptListChangedNotificationSchema,
} as const;

/** The lists a listen filter (or an acknowledgement's `notifications`) names. */
function listsOfFilter(filter: unknown): ListKind[] {
  if (typeof filter !== 'object' || filter === null) return [];
  return LIST_KINDS.filter((list) => (filter as Record<string, unknown>)[LISTEN_FLAG[list]] === true);
}

const stampOf = (params: unknown): string | number | undefined => {
  const meta = (params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  const stamp = meta?.[META.subscriptionId];
  return typeof stamp === 'string' || typeof stamp === 'number' ? stamp : undefined;
};

interface Frame {
  id?: string | number;
  method?: string;
  params?: unknown;
}

/**
 * Reads the 2026-07-28 change channel off the wire: every listen request the client sends (what it asked for), every
 * acknowledgement and list_changed that arrives (with its `subscriptionId`), in the order the transport delivers them,
 * before the client acts on them. The client resolves `listen()` a tick after the ack, so only here is an ack's order
 * with the notifications behind it the wire's.
 */
interface Tappable {
  onmessage?: unknown;
  send: (message: never, options?: never) => Promise<void>;
}

function tapListenFrames(transport: Tappable, hooks: SessionHooks): void {
  const requested = new Map<string | number, ListKind[]>();
  let handler: ((message: unknown, extra?: unknown) => void) | undefined;
  const tapped = (message: unknown, extra?: unknown) => {
    const frame = message as Frame;
    if (frame.method === ACK_METHOD) {
      const subscription = stampOf(frame.params);
      const asked = subscription === undefined ? undefined : requested.get(subscription);
      const honored = listsOfFilter((frame.params as { notifications?: unknown } | undefined)?.notifications);
      hooks.acknowledged?.({
        ...(subscription === undefined ? {} : { subscription }), ...(asked ? { requested: asked } : {}), honored,
      });
    } else {
      const list = listOfChanged(frame.method);
      if (list) hooks.changed(list, stampOf(frame.params));
    }
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
    if (frame.method === LISTEN_METHOD && frame.id !== undefined) {
      requested.set(frame.id, listsOfFilter((frame.params as { notifications?: unknown } | undefined)?.notifications));
    }
    return send(message, options);
  };
}

/** Connects in `era`; throws what the client threw when the gateway does not answer (the caller adds the refusal). */
export function connectSession(era: Era, connection: ProbeConnection, hooks: SessionHooks): Promise<ProbeSession> {
  return era === 'modern' ? connectModern(connection, hooks) : connectLegacy(connection, hooks);
}

async function connectLegacy(connection: ProbeConnection, hooks: SessionHooks): Promise<ProbeSession> {
  const client = new Client({ name: 'mcp-notify-check-probe', version: '1.0.0' });
  for (const list of LIST_KINDS) client.setNotificationHandler(CHANGED[list], () => hooks.changed(list));
  let closing = false;
  client.onclose = () => {
    if (!closing) hooks.closed();
  };
  try {
    await client.connect(probeTransport(connection, (refusal) => hooks.refused(refusal)));
  } catch (error) {
    closing = true;
    await client.close().catch(() => undefined);
    throw error;
  }
  const capabilities = client.getServerCapabilities() ?? {};
  return {
    lists: LIST_KINDS.filter((list) => capabilities[list]),
    announced: LIST_KINDS.filter((list) => capabilities[list]?.listChanged === true),
    page: (list, cursor, meta) => listPage(client, list, { ...(cursor === undefined ? {} : { cursor }), _meta: meta }),
    callTool: (name, args) => client.callTool({ name, arguments: args }) as Promise<{ isError?: boolean }>,
    listen: () => Promise.reject(new Error('subscriptions/listen exists only in the 2026-07-28 era')),
    close: async () => {
      closing = true;
      await client.close().catch(() => undefined);
    },
  };
}

async function connectModern(connection: ProbeConnection, hooks: SessionHooks): Promise<ProbeSession> {
  const { downstream, headers } = connection;
  if (downstream.kind === 'sse') throw new Error('legacy HTTP+SSE has no 2026-07-28 form');
  const client = new ModernClient({ name: 'mcp-notify-check-probe', version: '1.0.0' }, { versionNegotiation: { mode: { pin: MODERN_VERSION } } });
  // list_changed and acks are read off the wire by the tap below, in the order they came; the client's own handling is not needed.
  for (const list of LIST_KINDS) client.setNotificationHandler(CHANGED_METHOD[list] as 'notifications/tools/list_changed', () => undefined);
  // Read through a function: the flag changes across awaits, which narrowing would not see.
  const state = { closing: false };
  const closing = () => state.closing;
  client.onclose = () => {
    if (!state.closing) hooks.closed();
  };
  const transport = downstream.kind === 'stdio'
    ? new ChildStdioTransport(downstream.child)
    : new ModernHttpTransport(new URL(downstream.url), {
        requestInit: { headers },
        fetch: watchingFetch((refusal) => hooks.refused(refusal)),
      });
  tapListenFrames(transport, hooks);
  try {
    await client.connect(transport);
  } catch (error) {
    state.closing = true;
    await client.close().catch(() => undefined);
    throw error;
  }
  const capabilities = client.getServerCapabilities() ?? {};
  const lists = LIST_KINDS.filter((list) => capabilities[list]);
  const announced = lists.filter((list) => capabilities[list]?.listChanged);
  const filter = Object.fromEntries(announced.map((list) => [LISTEN_FLAG[list], true]));
  const subscriptions: McpSubscription[] = [];
  // The only change channel in this era: open it, and open a new one when the gateway ends it (nothing is replayed).
  // A connection that opens none (server mode's session C on HTTP) can only learn of a change by asking.
  const listen = async (again: boolean): Promise<void> => {
    if (closing() || Object.keys(filter).length === 0 || connection.standalone === false) return;
    let subscription: McpSubscription;
    try {
      subscription = await client.listen(filter);
    } catch (error) {
      if (!closing()) hooks.listen('ended', `listen failed: ${errorMessage(error)}`);
      return;
    }
    subscriptions.push(subscription);
    if (again) hooks.listen('reopened', Object.keys(subscription.honoredFilter).join(','));
    void subscription.closed.then((how) => {
      if (closing() || how === 'local') return;
      hooks.listen('ended', `ended by the gateway (${how})`);
      // A stream that honours nothing is ended at once by design: opening it again would loop.
      if (Object.keys(subscription.honoredFilter).length > 0) void listen(true);
    });
  };
  await listen(false);
  return {
    lists,
    announced,
    page: async (list, cursor, meta) => {
      // A raw request: every page is on the wire, with no response cache in between.
      const params = { ...(cursor === undefined ? {} : { cursor }), _meta: meta };
      const method = LIST_METHOD[list] as 'tools/list';
      const page = (await client.request({ method, params })) as Record<string, unknown> & { nextCursor?: string };
      return { items: (page[list] ?? []) as ListPage['items'], ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
    },
    callTool: (name, args) => client.callTool({ name, arguments: args }),
    listen: async (only) => {
      subscriptions.push(await client.listen(Object.fromEntries(only.map((list) => [LISTEN_FLAG[list], true]))));
    },
    close: async () => {
      state.closing = true;
      for (const subscription of subscriptions) await subscription.close().catch(() => undefined);
      await client.close().catch(() => undefined);
    },
  };
}
