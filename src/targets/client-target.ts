import '../dispose.js';
import type { Outcome } from '../steps/op.js';
import type { Journal } from '../trace/journal.js';
import { spawnTarget } from './process.js';
import { scenarioExcludes, type RunningTarget, type Target } from './target.js';

/** How long `ready` waits for an http client's standalone stream after initialized before going on without it. */
export const STANDALONE_STREAM_WAIT_MS = 3_000;

export interface ClientTargetOptions {
  /** The client command (placeholders as in DESIGN §8). */
  command: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * Ready for a client: it initialized a session and, on Streamable HTTP, opened its standalone GET stream (or had
 * `STANDALONE_STREAM_WAIT_MS` to do so). A client that never initializes (or exits first) halts the cell, and
 * `target-connects` says why.
 */
export async function clientReady(journal: Journal, transport: string, timeoutMs: number, signal: AbortSignal): Promise<Outcome> {
  const initialized = await journal.waitFor((e) => e.kind === 'session-initialized', { timeoutMs, signal });
  if (!initialized) {
    const why = signal.aborted ? 'the target ended before it initialized an MCP session' : `no MCP session initialized within ${timeoutMs} ms`;
    return { detail: `not ready: ${why}`, halt: true };
  }
  if (transport !== 'http') return { detail: 'initialized' };
  const stream = await journal.waitFor((e) => e.kind === 'stream-opened' && e.role === 'standalone', {
    timeoutMs: STANDALONE_STREAM_WAIT_MS,
    signal,
  });
  return { detail: stream ? 'initialized, standalone stream open' : 'initialized, no standalone stream' };
}

/** A client under test: a command the harness spawns, pointed at the mock. */
export function clientTarget(options: ClientTargetOptions): Target {
  const target: Target = {
    label: options.command,
    mode: 'client',
    excludes: (scenario, transport) => scenarioExcludes(target, scenario, transport),
    prepare: (scenario) => ({ scenario }),
    start: ({ endpoint, journal }): Promise<RunningTarget> => {
      const handle = spawnTarget({
        command: options.command,
        endpoint,
        journal,
        ...(options.env ? { env: options.env } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      return Promise.resolve({
        exited: handle.exited,
        get hasExited() {
          return handle.hasExited;
        },
        tail: () => handle.tail(),
        ready: (timeoutMs, signal) => clientReady(journal, endpoint.transport, timeoutMs, signal),
        finish: () => Promise.resolve(),
        [Symbol.asyncDispose]: () => handle.dispose(),
      });
    },
  };
  return target;
}
