import { eraOf } from '../../model/eras/all-eras.js';
import { transportOf } from '../../model/transports.js';
import '../../dispose.js';
import type { Outcome } from '../../steps/op.js';
import type { Journal } from '../../trace/journal.js';
import type { TargetEndpoint } from '../command.js';
import { spawnTarget } from '../process/process.js';
import { scenarioExcludes, type RunningTarget, type Target } from '../target.js';

/** How long `ready` waits for an http client's standalone stream after initialized before going on without it. */
export const STANDALONE_STREAM_WAIT_MS = 3_000;

export interface ClientTargetOptions {
  /** The client command, with the placeholders `run --help` and the README list ({url}, {server}, {transport}, {era}). */
  command: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * Ready for a client: it initialized a session and, on Streamable HTTP, opened its standalone GET stream (or had
 * `STANDALONE_STREAM_WAIT_MS` to do so). A client that never initializes (or exits first) halts the cell, and
 * `target-connects` says why.
 */
export async function clientReady(journal: Journal, endpoint: Pick<TargetEndpoint, 'transport' | 'era'>, timeoutMs: number, signal: AbortSignal): Promise<Outcome> {
  const initialized = await journal.waitFor((e) => e.kind === 'session-initialized', { timeoutMs, signal });
  if (!initialized) {
    // `auto`: the first contact of --era auto, in whichever era the client speaks by default (the 2025 words).
    const era = eraOf(endpoint.era === 'auto' ? 'legacy' : endpoint.era);
    const why = signal.aborted ? `the target ended before it ${era.start}` : `${era.noStart} within ${timeoutMs} ms`;
    return { detail: `not ready: ${why}`, halt: true };
  }
  // The era the session speaks, not the cell's: a client may fall back to the other one (era-fallback).
  if (initialized.kind === 'session-initialized' && eraOf(initialized.era ?? 'legacy').changes === 'listen') {
    // The modern era's only channel for change notifications is a listen stream: ready once one is acknowledged.
    const listening = await journal.waitFor((e) => e.kind === 'listen-acknowledged' && e.delivered, {
      timeoutMs: STANDALONE_STREAM_WAIT_MS,
      signal,
    });
    return { detail: listening ? 'connected, listen stream acknowledged' : 'connected, no listen stream' };
  }
  // Only where a client may leave its stream for unasked messages closed does ready wait for it to open one.
  if (!transportOf(endpoint.transport).optionalStream) return { detail: 'initialized' };
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
    endpoint: 'mock',
    facts: {},
    excludes: (scenario, transport, era) => scenarioExcludes(target, scenario, transport, era),
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
        ready: (timeoutMs, signal) => clientReady(journal, endpoint, timeoutMs, signal),
        finish: () => Promise.resolve(),
        [Symbol.asyncDispose]: () => handle.dispose(),
      });
    },
  };
  return target;
}
