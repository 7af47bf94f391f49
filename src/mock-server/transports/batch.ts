import type { Writable } from 'node:stream';

/** Characters written into the current batch of each corked stream. */
const corked = new WeakMap<Writable, { chars: number }>();

/**
 * A batch is flushed once it holds this much, even mid-tick: a storm of 20,000 synchronous notifications otherwise sat
 * in memory until the storm ended, and the client, idle meanwhile, only then began to read; flushing every 16 KB lets it
 * read while the rest is produced, as a server that writes each message does, at one syscall per ~270 notifications.
 */
export const FLUSH_CHARS = 16 * 1024;

/**
 * Writes `data`, coalescing the writes of the current tick into few syscalls (cork now, uncork on nextTick or once the
 * batch holds FLUSH_CHARS). A single message is not delayed (nextTick runs before any I/O).
 */
export function batchedWrite(stream: Writable, data: string): void {
  let batch = corked.get(stream);
  if (!batch) {
    batch = { chars: 0 };
    corked.set(stream, batch);
    stream.cork();
    process.nextTick(() => {
      corked.delete(stream);
      stream.uncork();
    });
  }
  stream.write(data);
  batch.chars += data.length;
  if (batch.chars >= FLUSH_CHARS) {
    // Still corked until nextTick: uncork to write what is buffered, cork again for the rest of the tick.
    stream.uncork();
    stream.cork();
    batch.chars = 0;
  }
}
