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
}

/** A command's outcome: the exit code `cli.ts` sets. */
/** 0 clean, 1 a check failed, 2 usage/config/harness error; `serve` passes a stdio exit code through. */
export type ExitCode = number;
