import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Journal } from '../trace/journal.js';
import { eventLine } from '../trace/serialized.js';

/** Lines written at once: one write per batch keeps a storm's hot path free of I/O. */
const BATCH_LINES = 1_000;
/** A batch smaller than that is written this long after its first line at the latest. */
const FLUSH_MS = 100;

/**
 * The whole journal of a long-running `serve` on disk, one event per line from seq 0 (so line n is seq n), while the
 * journal keeps only its recent part in memory. Reads flush first, so what is asked for is always complete.
 */
export class JournalFile {
  private readonly fd: number;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    readonly path: string,
    journal: Journal,
  ) {
    this.fd = openSync(path, 'w');
    this.unsubscribe = journal.subscribe((event) => {
      this.pending.push(eventLine(event));
      if (this.pending.length >= BATCH_LINES) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
    });
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    writeSync(this.fd, `${this.pending.join('\n')}\n`);
    this.pending = [];
  }

  /** Events `from` ≤ seq < `to` as JSON Lines, read back from disk. */
  linesBetween(from: number, to: number): string {
    this.flush();
    const bytes = readFileSync(this.path);
    // Walk newlines to the byte range of lines [from, to): one slice, no array of a million strings.
    let start = -1;
    let end = bytes.length;
    for (let line = 0, at = 0; at < bytes.length; line++) {
      if (line === from) start = at;
      if (line === to) {
        end = at;
        break;
      }
      const newline = bytes.indexOf(0x0a, at);
      if (newline === -1) break;
      at = newline + 1;
    }
    return start === -1 ? '' : bytes.subarray(start, end).toString('utf8');
  }

  close(): void {
    this.unsubscribe();
    this.flush();
    closeSync(this.fd);
  }
}
