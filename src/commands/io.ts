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
export type ExitCode = 0 | 1 | 2 | number;
