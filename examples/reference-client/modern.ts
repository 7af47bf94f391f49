// The reference client in the 2026-07-28 era: the official SDK v2 client pinned to that revision, with its own
// subscription handling where the SDK leaves a gap (it never re-opens a listen stream that ended).
import { Client, type McpSubscription, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { ClientBehaviour, ListKind } from './client.js';
import type { Endpoint } from './connect.js';
import { Refresher } from './refresher.js';
import { reportView } from '../view-report.js';

const MODERN_VERSION = '2026-07-28';
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
  let notifications = 0;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const refreshers = new Map<ListKind, Refresher>();
  // Dual-era by default: probe with server/discover and fall back to initialize on a 2025-only server.
  const client = new Client({ name: 'mcp-notify-check-reference', version: '1.0.0' }, {
    versionNegotiation: { mode: behaviour.fallBack ? 'auto' : { pin: MODERN_VERSION } },
  });
  for (const list of LISTS) {
    client.setNotificationHandler(CHANGED_METHOD[list], () => {
      notifications += 1;
      if (notifications >= behaviour.crashAfterNotifications) finish(3);
      if (!behaviour.listen) return;
      const targets = behaviour.relistEverything ? [...refreshers.values()] : [refreshers.get(list)];
      for (const refresher of targets) refresher?.notify();
    });
  }
  client.onerror = (error) => process.stderr.write(`reference client: ${String(error)}\n`);
  let stopping = false;

  await client.connect(transportOf(endpoint));
  const capabilities = client.getServerCapabilities() ?? {};
  const used = LISTS.filter((list) => capabilities[list]);
  for (const list of used) {
    refreshers.set(list, new Refresher(
      behaviour,
      () => readAll(client, list, behaviour.followPages),
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
  const listen = async (): Promise<void> => {
    if (stopping || !modern || Object.keys(filter).length === 0) return;
    let subscription: McpSubscription;
    try {
      subscription = await client.listen(filter);
    } catch (error) {
      process.stderr.write(`reference client: listen failed: ${String(error)}\n`);
      return;
    }
    void subscription.closed.then((how) => {
      if (how === 'local' || stopping || !behaviour.reopenListen) return;
      // Nothing is replayed in this era: re-open, then re-list what may have changed while no stream was open.
      void listen().then(() => {
        for (const refresher of refreshers.values()) refresher.now();
      });
    });
  };
  // Listen first, and list once the stream is acknowledged: a change is then either in the list or announced on it.
  const listening = listen();
  if (!behaviour.listBeforeAck) await listening;
  for (const refresher of refreshers.values()) refresher.now();

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => finish(0));
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const poll = behaviour.pollMs > 0 ? setInterval(() => {
    for (const refresher of refreshers.values()) refresher.now();
  }, behaviour.pollMs) : undefined;
  const code = await done;
  stopping = true;
  clearInterval(keepAlive);
  clearInterval(poll);
  for (const refresher of refreshers.values()) refresher.close();
  await client.close().catch(() => undefined);
  return code;
}
