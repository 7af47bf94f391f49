// The reference client in the 2026-07-28 era: the official SDK v2 client pinned to that revision, with its own
// subscription handling where the SDK leaves a gap (it never re-opens a listen stream that ended).
import { Client, type McpSubscription, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { ClientBehaviour, ListKind } from './client.js';
import type { Endpoint } from './connect.js';
import { connectKeyed, MODERN_VERSION } from './keyed-fallback.js';
import { startPolling } from './poller.js';
import { inPool } from './pool.js';
import { Refresher } from './refresher.js';
import { reportView } from '../view-report.js';

/** How often it starts a server that keeps exiting before it gives up. */
const MAX_RESTARTS = 5;
const LISTS: readonly ListKind[] = ['tools', 'resources', 'prompts'];
const LIST_METHOD = { tools: 'tools/list', resources: 'resources/list', prompts: 'prompts/list' } as const;
const CHANGED_METHOD = {
  tools: 'notifications/tools/list_changed',
  resources: 'notifications/resources/list_changed',
  prompts: 'notifications/prompts/list_changed',
} as const;
const LISTEN_FLAG = { tools: 'toolsListChanged', resources: 'resourcesListChanged', prompts: 'promptsListChanged' } as const;

function transportOf(endpoint: Endpoint) {
  if (endpoint.transport === 'stdio') {
    const [command = '', ...args] = endpoint.command ?? [];
    return new StdioClientTransport({ command, args, stderr: 'inherit' });
  }
  if (endpoint.transport === 'http') return new StreamableHTTPClientTransport(new URL(endpoint.url ?? ''));
  throw new Error(`transport "${endpoint.transport}" has no 2026-07-28 form`);
}

type Page = Record<string, unknown> & { nextCursor?: string };

/** Reads one whole list page by page with raw requests: every page is on the wire, no cache in between. */
async function readAll(client: Client, list: ListKind, followPages: boolean): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = (await client.request({ method: LIST_METHOD[list], params: cursor === undefined ? {} : { cursor } })) as Page;
    const items = (page[list] ?? []) as { name?: string; uri?: string }[];
    names.push(...items.map((item) => item.uri ?? item.name ?? ''));
    cursor = followPages ? page.nextCursor : undefined;
  } while (cursor !== undefined);
  return names;
}

/** Runs the modern client until it is told to stop; resolves with the exit code. */
export async function runModernClient(endpoint: Endpoint, behaviour: ClientBehaviour): Promise<number> {
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const refreshers = new Map<ListKind, Refresher>();
  const make = (mode: 'auto' | 'legacy' | { pin: string }) => {
    const next = new Client({ name: 'mcp-notify-check-reference', version: '1.0.0' }, { versionNegotiation: { mode } });
    for (const list of LISTS) {
      next.setNotificationHandler(CHANGED_METHOD[list], () => {
        if (!behaviour.listen) return;
        const targets = behaviour.relistEverything ? [...refreshers.values()] : [refreshers.get(list)];
        for (const refresher of targets) refresher?.notify();
      });
    }
    next.onerror = (error) => process.stderr.write(`reference client: ${String(error)}\n`);
    return next;
  };
  // Dual-era by default: probe with server/discover and fall back to initialize on a 2025-only server.
  const connect = async (): Promise<Client> => {
    const codes = behaviour.fallBackOn;
    if (codes) return connectKeyed(endpoint, { make, transport: () => transportOf(endpoint), codes });
    const next = make(behaviour.fallBack ? 'auto' : { pin: MODERN_VERSION });
    await next.connect(transportOf(endpoint));
    return next;
  };
  let stopping = false;

  let client = await connect();
  const capabilities = client.getServerCapabilities() ?? {};
  const used = LISTS.filter((list) => capabilities[list]);
  for (const list of used) {
    refreshers.set(list, new Refresher(
      behaviour,
      inPool(behaviour.refreshPool, () => readAll(client, list, behaviour.followPages)),
      (names) => reportView(list, names.map(behaviour.rename)),
      (error) => process.stderr.write(`reference client: ${String(error)}\n`),
    ));
  }

  // Subscribe to every list it reads whose changes the server announces; nothing else.
  const announced = used.filter((list) => (capabilities[list])?.listChanged);
  const subscribed = behaviour.subscribeOnly ? announced.filter((list) => behaviour.subscribeOnly?.includes(list)) : announced;
  const filter = Object.fromEntries(subscribed.map((list) => [LISTEN_FLAG[list], true]));
  // After a fallback the server announces changes on the 2025 session itself: there is no listen stream to open.
  const modern = client.getProtocolEra() === 'modern';
  const ended = new WeakSet<Client>();
  const listen = async (): Promise<void> => {
    if (stopping || !modern || Object.keys(filter).length === 0) return;
    const owner = client;
    let subscription: McpSubscription;
    try {
      subscription = await owner.listen(filter);
    } catch (error) {
      process.stderr.write(`reference client: listen failed: ${String(error)}\n`);
      return;
    }
    void subscription.closed.then((how) => {
      // A stream that ended with its whole connection is the restart's to mend, not a dropped stream's.
      if (how === 'local' || stopping || !behaviour.reopenListen || ended.has(owner)) return;
      // Nothing is replayed in this era: re-open, then re-list what may have changed while no stream was open.
      void listen().then(() => {
        for (const refresher of refreshers.values()) refresher.now();
      });
    });
  };
  // stdio: a server that exits unexpectedly is started again, as the binding says, and what was listened to is re-sent.
  let restarts = 0;
  const watch = (current: Client) => {
    current.onclose = () => {
      ended.add(current);
      if (stopping || !behaviour.restartServer || endpoint.transport !== 'stdio' || restarts++ >= MAX_RESTARTS) return;
      void (async () => {
        client = await connect();
        watch(client);
        if (behaviour.relistenAfterRestart) await listen();
        for (const refresher of refreshers.values()) refresher.now();
      })().catch((error: unknown) => process.stderr.write(`reference client: restart failed: ${String(error)}\n`));
    };
  };
  watch(client);
  // Listen first, and list once the stream is acknowledged: a change is then either in the list or announced on it.
  const listening = listen();
  if (!behaviour.listBeforeAck) await listening;
  for (const refresher of refreshers.values()) refresher.now();

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => finish(0));
  const keepAlive = setInterval(() => undefined, 1 << 30);
  // A poller re-lists on its own cadence, whatever the server says; one that backs off reads the lists itself, to see a poll fail.
  const stopPolling = startPolling(behaviour, async () => {
    if (!behaviour.pollBackoff) {
      for (const refresher of refreshers.values()) refresher.now();
      return true;
    }
    try {
      for (const list of used) reportView(list, (await readAll(client, list, behaviour.followPages)).map(behaviour.rename));
      return true;
    } catch (error) {
      process.stderr.write(`reference client: poll failed: ${String(error)}\n`);
      return false;
    }
  });
  const code = await done;
  stopping = true;
  clearInterval(keepAlive);
  stopPolling();
  for (const refresher of refreshers.values()) refresher.close();
  await client.close().catch(() => undefined);
  return code;
}
