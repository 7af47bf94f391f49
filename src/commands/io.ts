import type { Readable, Writable } from 'node:stream';

/** What a command may touch of the outside world; only `cli.ts` builds it from `process`. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the user asks the program to stop (Ctrl-C, SIGTERM). */
  interrupted: Promise<string>;
  /** Resolves on a second such request: targets are already killed; write what there is and leave. */
  forced: Promise<string>;
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The conventional exit code of a program stopped by `signal`: 128 + its number (130 for Ctrl-C, 143 for SIGTERM). */
export function signalExitCode(signal: string): ExitCode {
  return 128 + (SIGNAL_NUMBERS[signal] ?? 2);
}

/** A command's outcome: the exit code `cli.ts` sets. */
/** 0 clean, 1 a check failed, 2 usage/config/harness error; `serve` passes a stdio exit code through. */
export type ExitCode = number;

/**
 * Resolves once everything written to `stream` so far is with the operating system, or the stream can take no more (a
 * reader that went away). Exiting before that cuts a pipe's output at its buffer size (64 KiB on Linux).
 */
export function flushed(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', resolve);
    // Writes complete in order, so this callback runs after every earlier one (with an error if the stream died).
    stream.write('', () => {
      stream.off('close', resolve);
      resolve();
    });
  });
}
