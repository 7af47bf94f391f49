// Server mode: the harness stops the server it started, mid-cell, the way a supervisor asks a server to shut down
// (SIGTERM to its process group; the cell's disposal kills what is left after the grace period), so that what the server
// sends its open streams on its way out is on the trace.
import { once } from 'node:events';
import type { Outcome } from '../../steps/op.js';
import type { TraceEvent } from '../../trace/events.js';
import type { Journal } from '../../trace/journal.js';
import { type ProcessHandle, TERMINATE_GRACE_MS } from '../process/process.js';

/**
 * After the server's output closed, how long the sessions get to see their connections end: what the server wrote is
 * already in the harness's buffers, only its event loop has to reach it.
 */
const TRAILING_MS = 1_000;

/** Resolves when every process holding the server's stdout has exited (a shell wrapper may die first), or after `timeoutMs`. */
async function outputClosed(handle: ProcessHandle, timeoutMs: number): Promise<boolean> {
  const stdout = handle.child.stdout;
  if (!stdout || stdout.closed) return true;
  const timeout = AbortSignal.timeout(timeoutMs);
  return once(stdout, 'close', { signal: timeout }).then(() => true, () => false);
}

/**
 * The scenario's stop: SIGTERM, then waits (bounded) until the server's output closes and each session in `labels()`
 * saw its end (its connection closing on stdio, its listen stream ending over HTTP), and journals a `server-stop`.
 */
export function stopServer(handle: ProcessHandle | undefined, journal: Journal, labels: () => string[]): () => Promise<Outcome> {
  return async () => {
    const requestedT = journal.clock.now() - journal.origin;
    if (!handle) {
      const detail = 'the harness did not start the server (it was given --server-url alone), so it cannot stop it';
      journal.append({ kind: 'server-stop', requestedT, ok: false, detail });
      return { detail };
    }
    const from = journal.size;
    const waiting = labels();
    const startedAt = performance.now();
    handle.terminate();
    const exited = await outputClosed(handle, TERMINATE_GRACE_MS);
    const exitMs = Math.round((performance.now() - startedAt) * 10) / 10;
    const detail = exited ? `sent SIGTERM; the server exited ${exitMs} ms later` : `sent SIGTERM; the server was still running ${exitMs} ms later`;
    journal.append({ kind: 'server-stop', requestedT, ok: true, detail, ...(exited ? { exitMs } : {}) });
    const ended = (label: string) => (event: TraceEvent) =>
      (event.kind === 'probe-disconnected' || (event.kind === 'probe-listen' && event.state === 'ended')) && event.probe === label;
    const deadline = performance.now() + TRAILING_MS;
    for (const label of waiting) {
      await journal.waitFor(ended(label), { fromSeq: from, timeoutMs: Math.max(0, deadline - performance.now()) });
    }
    return { detail };
  };
}
