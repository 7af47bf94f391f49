// A bounded pool that each refresh holds a slot of: the test fixture for a client that crashes under a storm.

/** A pool of slots that each refresh holds while it reads a list and then indexes the answer (`holdMs`). */
export interface RefreshPool {
  slots: number;
  holdMs: number;
}

/**
 * Wraps a list read so that it takes a slot of `pool` for as long as it reads and indexes. A read that finds every slot
 * taken fails as an exhausted pool does in a client that never handles it: the error escapes to the event loop and the
 * process dies. A client that re-lists once per change never fills the pool; one that starts a re-list for every
 * notification of a storm does.
 */
export function inPool<T>(pool: RefreshPool | undefined, read: () => Promise<T>): () => Promise<T> {
  if (!pool) return read;
  let inUse = 0;
  return async () => {
    if (inUse >= pool.slots) {
      const exhausted = new Error(`refresh pool exhausted: all ${pool.slots} slots in use`);
      setImmediate(() => {
        throw exhausted;
      });
      return new Promise<T>(() => undefined);
    }
    inUse += 1;
    try {
      const answer = await read();
      await new Promise((resolve) => setTimeout(resolve, pool.holdMs));
      return answer;
    } finally {
      inUse -= 1;
    }
  };
}
