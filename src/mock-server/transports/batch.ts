import type { Writable } from 'node:stream';

const corked = new WeakSet<Writable>();

/**
 * Writes `data`, coalescing every write of the current tick into one syscall (cork now, uncork on
 * nextTick). A storm of synchronous notifications then costs one write, not one per frame, and a
 * single message is not delayed (nextTick runs before any I/O).
 */
export function batchedWrite(stream: Writable, data: string): void {
  if (!corked.has(stream)) {
    corked.add(stream);
    stream.cork();
    process.nextTick(() => {
      corked.delete(stream);
      stream.uncork();
    });
  }
  stream.write(data);
}
