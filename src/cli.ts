#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { type CliIo, type ExitCode, flushed, signalExitCode } from './commands/io.js';
import { killEverythingNow } from './targets/process/guard.js';
import { checkCommand } from './commands/check.js';
import { listCommand } from './commands/list.js';
import { demoCommand, runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { errorMessage, HarnessError } from './errors.js';
import { VERSION } from './version.js';

// A reader that went away (`| head`, a closed pipe) must not turn into a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

let exitCode: ExitCode = 0;
let stopping = false;
const setExit = (code: ExitCode) => {
  exitCode = code;
};

/** After a second Ctrl-C the reports get this long to be written before the process leaves regardless. */
const FORCED_EXIT_MS = 3_000;

// First Ctrl-C: stop gracefully (targets ended, reports written). A second one: kill every target now (the watchdog
// covers a harness killed outright), write the partial reports, and leave.
let force: (signal: string) => void = () => undefined;
const forced = new Promise<string>((resolve) => {
  force = resolve;
});
const interrupted = new Promise<string>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        killEverythingNow();
        force(signal);
        setTimeout(() => process.exit(signalExitCode(signal)), FORCED_EXIT_MS).unref();
        return;
      }
      stopping = true;
      process.stderr.write(`mcp-notify-check: ${signal}: stopping (again to force)\n`);
      resolve(signal);
    });
  }
});
const io: CliIo = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  interrupted,
  forced,
};

const program = new Command('mcp-notify-check')
  .description('Conformance harness for MCP list_changed notifications')
  .version(VERSION)
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  .addCommand(runCommand(io, setExit))
  .addCommand(demoCommand(io, setExit))
  .addCommand(serveCommand(io, setExit))
  .addCommand(listCommand(io, setExit))
  .addCommand(checkCommand(io, setExit));

for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other usage error is exit 2, already explained by commander.
    exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof HarnessError) {
    process.stderr.write(`mcp-notify-check: ${error.toLine()}\n`);
    exitCode = 2;
  } else {
    process.stderr.write(`mcp-notify-check: internal error: ${errorMessage(error)}\n`);
    exitCode = 2;
  }
}
// Leave only once stdout and stderr are written out: a reader on a pipe gets all of it (exiting at once cuts it at 64 KiB).
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);
