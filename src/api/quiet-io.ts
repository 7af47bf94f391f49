import { Readable, Writable } from 'node:stream';

/** A stream that takes everything and keeps nothing: what the API writes to unless it is given a stream. */
export function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** A stream with nothing in it (no command of the API reads its input). */
export function nothing(): Readable {
  return Readable.from([]);
}

/**
 * The `interrupted` promise of a command's io, resolved when `signal` aborts (with the name of a Ctrl-C, so the exit code
 * is the one a person stopping the CLI gets); `detach` stops listening once the command is done.
 */
export function interruption(signal: AbortSignal | undefined): { interrupted: Promise<string>; detach: () => void } {
  if (!signal) return { interrupted: new Promise<string>(() => undefined), detach: () => undefined };
  let stop: () => void = () => undefined;
  const interrupted = new Promise<string>((resolve) => {
    stop = () => resolve('SIGINT');
  });
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return { interrupted, detach: () => signal.removeEventListener('abort', stop) };
}
