#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import type { CliIo, ExitCode } from './commands/io.js';
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

// First Ctrl-C: stop gracefully (targets ended, reports written). A second one: leave now.
const interrupted = new Promise<string>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
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
process.exit(exitCode);
