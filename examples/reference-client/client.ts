// The reference client's behaviour knobs, and the entry point that runs it in the era the harness names. Each era's
// client is imported only when it runs: a start-up loads one SDK, not both (every cell starts a client).
import type { Endpoint, TransportOptions } from './connect.js';
import type { RefreshPool } from './pool.js';
import type { RefreshPolicy } from './refresher.js';

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
  /** 2026-07-28: fall back only when server/discover is refused with one of these JSON-RPC codes (a fallback keyed to codes). */
  fallBackOn?: number[];
  /** 2026-07-28, stdio: restart the server when it exits unexpectedly, as the stdio binding says a client should. */
  restartServer: boolean;
  /** 2026-07-28: send subscriptions/listen again after restarting the server (a MUST: the new one holds none). */
  relistenAfterRestart: boolean;
  /** 2026-07-28: list at once after opening the listen stream, without waiting for its acknowledgement. */
  listBeforeAck?: boolean;
  /** 2026-07-28: subscribe only to these lists (default: every list it reads whose changes the server announces). */
  subscribeOnly?: ListKind[];
  /** Each refresh holds a slot of this pool while it reads and indexes a list; a refresh that finds it full crashes the client. */
  refreshPool?: RefreshPool;
  /** Also re-list every list on a timer of this period (0: never), as agent frameworks that list once per turn do. */
  pollMs: number;
  /** 2026-07-28: shorten each poll's wait by up to this fraction of it, at random (0: a fixed cadence). */
  pollJitter: number;
  /** 2026-07-28: double the wait after each failed poll, up to 4× (a poll then reads the lists itself, to see it fail). */
  pollBackoff: boolean;
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
  restartServer: true,
  relistenAfterRestart: true,
  pollMs: 0,
  pollJitter: 0,
  pollBackoff: false,
  rename: (name) => name,
  transport: {},
};

/** Runs the client in the era the harness names until it is told to stop; resolves with the exit code. */
export async function runClient(endpoint: Endpoint, behaviour: ClientBehaviour): Promise<number> {
  try {
    if (endpoint.era === 'modern') return await (await import('./modern.js')).runModernClient(endpoint, behaviour);
    return await (await import('./legacy.js')).runLegacyClient(endpoint, behaviour);
  } catch (error) {
    // One line its users can act on (e.g. a server of another protocol era), not a stack trace.
    process.stderr.write(`reference client: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
