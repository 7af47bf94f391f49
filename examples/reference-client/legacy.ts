// The reference client in the 2025 era: initialize, one session, list_changed on the session's stream (SDK v1 client).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { listAll, nameOf } from '../../src/targets/probe/list-all.js';
import type { ClientBehaviour, ListKind } from './client.js';
import { createTransport, type Endpoint } from './connect.js';
import { reportView } from '../view-report.js';
import { inPool } from './pool.js';
import { Refresher } from './refresher.js';

const LIST_CHANGED = {
  tools: ToolListChangedNotificationSchema,
  resources: ResourceListChangedNotificationSchema,
  prompts: PromptListChangedNotificationSchema,
} as const;

function isSessionGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = error instanceof Error ? `${error.message} ${typeof code === 'number' ? code : ''}` : String(error);
  return /\b404\b|Not Found|Session not found/i.test(text);
}

/** Reads one whole list, page by page (or only the first page, for the flawed fixture). */
async function readAll(client: Client, list: ListKind, followPages: boolean): Promise<string[]> {
  return (await listAll(client, list, followPages)).map(nameOf);
}

/** The 2025 era: initialize, one session, list_changed on the session's stream (SDK v1 client). */
export async function runLegacyClient(endpoint: Endpoint, behaviour: ClientBehaviour): Promise<number> {
  let client: Client | undefined;
  let restarting: Promise<void> | undefined;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const refreshers = new Map<ListKind, Refresher>();

  const restart = () => {
    if (!behaviour.reinitializeOn404 || restarting) return;
    restarting = (async () => {
      await client?.close().catch(() => undefined);
      await connect();
    })()
      .catch((error: unknown) => {
        process.stderr.write(`reference client: reconnect failed: ${String(error)}\n`);
      })
      .finally(() => {
        restarting = undefined;
      });
  };
  const onError = (error: unknown) => {
    if (isSessionGone(error)) restart();
  };

  const connect = async () => {
    const next = new Client({ name: 'mcp-notify-check-reference', version: '1.0.0' });
    // Handlers before connect: a notification right after initialize is not lost.
    for (const list of Object.keys(LIST_CHANGED) as ListKind[]) {
      next.setNotificationHandler(LIST_CHANGED[list], () => {
        if (!behaviour.listen) return;
        const targets = behaviour.relistEverything ? [...refreshers.values()] : [refreshers.get(list)];
        for (const refresher of targets) refresher?.notify();
      });
    }
    next.onerror = onError;
    await next.connect(await createTransport(endpoint, behaviour.transport));
    client = next;
    const capabilities = next.getServerCapabilities() ?? {};
    for (const list of Object.keys(LIST_CHANGED) as ListKind[]) {
      if (!capabilities[list]) continue;
      let refresher = refreshers.get(list);
      if (!refresher) {
        refresher = new Refresher(
          behaviour,
          inPool(behaviour.refreshPool, () => readAll(client ?? next, list, behaviour.followPages)),
          (names) => reportView(list, names.map(behaviour.rename)),
          onError,
        );
        refreshers.set(list, refresher);
      }
      refresher.now();
    }
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => finish(0));
  // A client runs until it is stopped, even while no socket or timer is open (e.g. no GET stream).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await connect();
  // A poller re-lists on its own cadence, whatever the server says.
  const poll = behaviour.pollMs > 0 ? setInterval(() => {
    for (const refresher of refreshers.values()) refresher.now();
  }, behaviour.pollMs) : undefined;
  const code = await done;
  clearInterval(keepAlive);
  clearInterval(poll);
  for (const refresher of refreshers.values()) refresher.close();
  await client?.close().catch(() => undefined);
  return code;
}
