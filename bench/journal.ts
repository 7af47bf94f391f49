// The journal section of `npm run bench`: what appending an event to the harness's journal costs, in this process,
// with and without schema validation, against a plain array push of the same object.
import { performance } from 'node:perf_hooks';
import { Journal } from '../src/trace/journal.js';

/** Nanoseconds per event, by way of appending. */
export type JournalResult = Record<string, number>;

/** Times 200,000 appends each way, each after one untimed pass of the same. */
export function journalOverhead(): JournalResult {
  const message = { jsonrpc: '2.0', method: 'notifications/tools/list_changed' };
  const n = 200_000;
  const time = (fn: () => void) => {
    fn();
    const start = performance.now();
    fn();
    return ((performance.now() - start) * 1e6) / n;
  };
  const append = (validateOnAppend: boolean) => () => {
    const journal = new Journal({ validateOnAppend });
    for (let i = 0; i < n; i++)
      journal.append({ kind: 'frame-sent', session: 's', stream: 'get-1', message });
  };
  const validateLater = () => {
    const journal = new Journal();
    for (let i = 0; i < n; i++)
      journal.append({ kind: 'frame-sent', session: 's', stream: 'get-1', message });
    journal.snapshot();
  };
  const baseline = time(() => {
    const events: unknown[] = [];
    for (let i = 0; i < n; i++)
      events.push({
        kind: 'frame-sent',
        session: 's',
        stream: 'get-1',
        message,
        seq: i,
        t: performance.now(),
      });
  });
  return {
    appendNsPerEvent: time(append(false)),
    appendAndValidateLaterNsPerEvent: time(validateLater),
    validateOnAppendNsPerEvent: time(append(true)),
    plainArrayNsPerEvent: baseline,
  };
}
