// The *Journal overhead* section of BENCHMARKS.md.
import { f } from './format.js';
import type { JournalResult } from './journal.js';

/** Nanoseconds per event each way, and what a delivered notification's two events cost on the hot path. */
export function journalMarkdown(j: JournalResult): string {
  return `
## Journal overhead

| what | ns per event |
|---|---|
| \`Journal.append\` on the hot path (the default: typed, not yet validated) | ${f(j.appendNsPerEvent ?? 0, 0)} |
| append + schema validation later, at \`snapshot()\`/JSONL (total, off the hot path) | ${f(j.appendAndValidateLaterNsPerEvent ?? 0, 0)} |
| append validating each event as it comes (\`validateOnAppend\`) | ${f(j.validateOnAppendNsPerEvent ?? 0, 0)} |
| a plain array push of the same object (floor) | ${f(j.plainArrayNsPerEvent ?? 0, 0)} |

A delivered notification costs two journal events (\`frame-sent\`, \`notification\`), i.e. about
${f((2 * (j.appendNsPerEvent ?? 0)) / 1000, 2)} µs of journaling on the hot path.
`;
}
