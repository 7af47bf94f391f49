import type { TraceEvent } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';

export interface WaitOptions {
  timeoutMs: number;
  /** Only events with `seq >= fromSeq` count (earlier ones already recorded are looked at first). */
  fromSeq: number;
  /** Resolve on the `count`-th match (default 1). */
  count?: number;
}

/**
 * Resolves with the matching journal event (already recorded or future), or undefined on timeout or when `signal`
 * aborts (the target died, the run was interrupted): a scenario's waits end early instead of hanging.
 */
export function waitForEvent(
  journal: Journal,
  signal: AbortSignal,
  predicate: (event: TraceEvent) => boolean,
  options: WaitOptions,
): Promise<TraceEvent | undefined> {
  return new Promise((resolve) => {
    let seen = 0;
    const matches = (event: TraceEvent) => event.seq >= options.fromSeq && predicate(event) && ++seen >= (options.count ?? 1);
    const past = journal.snapshotFrom(options.fromSeq).find(matches);
    if (past) return resolve(past);
    const finish = (event: TraceEvent | undefined) => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', abort);
      resolve(event);
    };
    const timer = setTimeout(() => finish(undefined), options.timeoutMs);
    const unsubscribe = journal.subscribe((event) => {
      if (matches(event)) finish(event);
    });
    const abort = () => finish(undefined);
    if (signal.aborted) return finish(undefined);
    signal.addEventListener('abort', abort, { once: true });
  });
}
