import type { TraceEvent } from './events.js';
import type { Journal } from './journal.js';

/** Events that mean the wire is busy. */
const WIRE_KINDS = new Set<TraceEvent['kind']>([
  'frame-received',
  'frame-sent',
  'stream-opened',
  'stream-closed',
  'session-opened',
  'session-closed',
  'http-rejected',
  'target-view',
]);

/**
 * Resolves once nothing has crossed the wire for `quietMs` (event-driven: every wire event restarts the
 * timer), or after `maxMs` at the latest; journals a `settled` event either way. Wire events while `ignoring()` is
 * true (the harness's own probe polling a gateway) do not count: the harness's traffic is not the target talking.
 * A function for `quietMs` is asked again at every restart (a quiet period derived from what the target did so far).
 */
export function settle(
  journal: Journal,
  quietMs: number | (() => number),
  maxMs: number,
  signal?: AbortSignal,
  ignoring: () => boolean = () => false,
): Promise<boolean> {
  return new Promise((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    const period = typeof quietMs === 'number' ? () => quietMs : quietMs;
    let armedMs = period();
    const finish = (timedOut: boolean) => {
      clearTimeout(quiet);
      clearTimeout(cap);
      unsubscribe();
      signal?.removeEventListener('abort', abort);
      journal.append({ kind: 'settled', quietMs: armedMs, timedOut });
      resolve(!timedOut);
    };
    const arm = () => {
      clearTimeout(quiet);
      armedMs = period();
      quiet = setTimeout(() => finish(false), armedMs);
    };
    const unsubscribe = journal.subscribe((event) => {
      if (WIRE_KINDS.has(event.kind) && !ignoring()) arm();
    });
    const cap = setTimeout(() => finish(true), maxMs);
    const abort = () => finish(true);
    signal?.addEventListener('abort', abort, { once: true });
    arm();
  });
}
