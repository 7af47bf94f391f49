import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { listAll, nameOf } from '../../src/targets/list-all.js';
import { createTransport, type Endpoint, type TransportOptions } from './connect.js';
import { runModernClient } from './modern.js';
import { reportView } from '../view-report.js';
import { type RefreshPolicy, Refresher } from './refresher.js';

export type ListKind = 'tools' | 'resources' | 'prompts';

/** The reference client's behaviour. The defaults are the well-behaved client; the test fixtures flip one knob each. */
export interface ClientBehaviour extends RefreshPolicy {
  /** Follow nextCursor to the last page. */
  followPages: boolean;
  /** React to list_changed at all. */
  listen: boolean;
  /** Re-list every list on any notification (instead of just the one that changed). */
  relistEverything: boolean;
  /** Start a new session when the server answers 404 for ours (a spec MUST). */
  reinitializeOn404: boolean;
  /** 2026-07-28: open a new listen stream, and re-list, when the server ends ours (nothing is replayed in that era). */
  reopenListen: boolean;
  /** 2026-07-28: fall back to initialize when the server speaks only the 2025 revisions (else: pinned to 2026-07-28). */
  fallBack: boolean;
  /** 2026-07-28: list at once after opening the listen stream, without waiting for its acknowledgement. */
  listBeforeAck?: boolean;
  /** 2026-07-28: subscribe only to these lists (default: every list it reads whose changes the server announces). */
  subscribeOnly?: ListKind[];
  /** Exit (code 3) after this many notifications: a client that crashes under a storm. */
  crashAfterNotifications: number;
  /** Also re-list every list on a timer of this period (0: never), as agent frameworks that list once per turn do. */
  pollMs: number;
  /** How the client shows a server's names to its users (client libraries prefix or slug them). */
  rename: (name: string) => string;
  transport: TransportOptions;
}

export const REFERENCE_BEHAVIOUR: ClientBehaviour = {
  debounceMs: 50,
  maxWaitMs: 250,
  serialize: true,
  followPages: true,
  listen: true,
  relistEverything: false,
  reinitializeOn404: true,
  reopenListen: true,
  fallBack: true,
  crashAfterNotifications: Number.POSITIVE_INFINITY,
  pollMs: 0,
  rename: (name) => name,
  transport: {},
};

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

/** Runs the client in the era the harness names until it is told to stop; resolves with the exit code. */
export async function runClient(endpoint: Endpoint, behaviour: ClientBehaviour): Promise<number> {
  try {
    return await (endpoint.era === 'modern' ? runModernClient(endpoint, behaviour) : runLegacyClient(endpoint, behaviour));
  } catch (error) {
    // One line its users can act on (e.g. a server of another protocol era), not a stack trace.
    process.stderr.write(`reference client: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The 2025 era: initialize, one session, list_changed on the session's stream (SDK v1 client). */
async function runLegacyClient(endpoint: Endpoint, behaviour: ClientBehaviour): Promise<number> {
  let client: Client | undefined;
  let notifications = 0;
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
        notifications += 1;
        if (notifications >= behaviour.crashAfterNotifications) finish(3);
        if (!behaviour.listen) return;
        const targets = behaviour.relistEverything ? [...refreshers.values()] : [refreshers.get(list)];
        for (const refresher of targets) refresher?.notify();
      });
    }
    next.onerror = onError;
    await next.connect(createTransport(endpoint, behaviour.transport));
    client = next;
    const capabilities = next.getServerCapabilities() ?? {};
    for (const list of Object.keys(LIST_CHANGED) as ListKind[]) {
      if (!capabilities[list]) continue;
      let refresher = refreshers.get(list);
      if (!refresher) {
        refresher = new Refresher(
          behaviour,
          () => readAll(client ?? next, list, behaviour.followPages),
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
