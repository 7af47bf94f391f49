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
import { errorMessage } from '../../errors.js';
import { eraOf } from '../../model/eras/all-eras.js';
import { LISTEN_FLAG, MODERN_VERSION } from '../../mock-server/modern/protocol.js';
import { CHANGED_METHOD, type Era, LIST_KINDS, LIST_METHOD, type ListKind, type TransportKind } from '../../model/words.js';
import { ChildStdioTransport } from './child-stdio-transport.js';
import { listPage } from './list-all.js';
import { PROBE_CALL_TIMEOUT_MS } from './probe-call.js';
import { type FrameHooks, tapListenFrames } from './listen-tap.js';
import {
  childOf, ClientTable, HANDSHAKE_CLIENTS, type MakeClient, type ProbeConnection, probeTransport, type Refusal, urlOf,
  watchingFetch,
} from './probe-transport.js';

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

/**
 * `changed`: a list_changed reached the probe (2026-07-28: with the `subscriptionId` it carries). 2026-07-28, read off
 * the wire: `acknowledged` a listen stream's acknowledgement (journaled in wire order with the notifications),
 * `teardown` the server ending a listen, `page` a list page's caching hints.
 */
export interface SessionHooks extends FrameHooks {
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

/**
 * Connects in `era`, with a handshake or without as its record says; throws what the client threw when the gateway does
 * not answer (the caller adds the refusal).
 */
export function connectSession(era: Era, connection: ProbeConnection, hooks: SessionHooks): Promise<ProbeSession> {
  return eraOf(era).handshake ? connectLegacy(connection, hooks) : connectModern(connection, hooks);
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
    callTool: (name, args) =>
      client.callTool({ name, arguments: args }, undefined, { timeout: PROBE_CALL_TIMEOUT_MS }) as Promise<{ isError?: boolean }>,
    listen: () => Promise.reject(new Error('subscriptions/listen exists only in the 2026-07-28 era')),
    close: async () => {
      closing = true;
      await client.close().catch(() => undefined);
    },
  };
}

/** The probe's client per transport in an era whose requests stand alone (2026-07-28's; legacy HTTP+SSE has none). */
export const STATELESS_CLIENTS = new ClientTable<SessionHooks>('2026-07-28', [
  ['stdio', (downstream) => new ChildStdioTransport(childOf(downstream))],
  ['http', (downstream, { headers }, hooks) => new ModernHttpTransport(urlOf(downstream), {
    requestInit: { headers },
    fetch: watchingFetch((refusal) => hooks.refused(refusal)),
  })],
]);

/**
 * Adds the probe's clients of a registered transport: for eras whose sessions start with `initialize`, and (if it
 * carries one) for eras whose requests stand alone. From then on the probe speaks it.
 */
export function registerProbeClient(
  kind: TransportKind,
  clients: { handshake?: MakeClient<(refusal: Refusal) => void>; stateless?: MakeClient<SessionHooks> },
): void {
  if (clients.handshake) HANDSHAKE_CLIENTS.add(kind, clients.handshake);
  if (clients.stateless) STATELESS_CLIENTS.add(kind, clients.stateless);
}

async function connectModern(connection: ProbeConnection, hooks: SessionHooks): Promise<ProbeSession> {
  const client = new ModernClient({ name: 'mcp-notify-check-probe', version: '1.0.0' }, { versionNegotiation: { mode: { pin: MODERN_VERSION } } });
  // list_changed and acks are read off the wire by the tap below, in the order they came; the client's own handling is not needed.
  for (const list of LIST_KINDS) client.setNotificationHandler(CHANGED_METHOD[list] as 'notifications/tools/list_changed', () => undefined);
  // Read through a function: the flag changes across awaits, which narrowing would not see.
  const state = { closing: false };
  const closing = () => state.closing;
  client.onclose = () => {
    if (!state.closing) hooks.closed();
  };
  const transport = STATELESS_CLIENTS.make(connection, hooks);
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
    callTool: (name, args) => client.callTool({ name, arguments: args }, { timeout: PROBE_CALL_TIMEOUT_MS }),
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
