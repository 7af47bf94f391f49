/**
 * A counting gate: at most `width` holders at once, the rest wait in arrival order. Taking it gives a release function
 * that may be called any number of times (only the first counts), so every path of a cell can give it back.
 */
export function gate(width: number): () => Promise<() => void> {
  let free = width;
  const waiting: (() => void)[] = [];
  const grant = (resolve: (release: () => void) => void) => {
    free -= 1;
    let given = false;
    resolve(() => {
      if (given) return;
      given = true;
      free += 1;
      const next = waiting.shift();
      next?.();
    });
  };
  return () =>
    new Promise((resolve) => {
      if (free > 0) grant(resolve);
      else waiting.push(() => grant(resolve));
    });
}
