// npm run interop: builds every interop/<target>, has mcp-notify-check judge it, compares with its expect.json, and
// writes interop/results.json, docs/interop.md and the README's block. The only module that touches the process.
import { fileURLToPath } from 'node:url';
import { errorMessage, HarnessError } from '../../src/errors.js';
import { parseRunnerArgs } from './options.js';
import { runInterop } from './runner.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

// First Ctrl-C: end the running target's processes (gently, then by force) and start no other. A second one: leave.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    log(`interop: ${signal}: ending the running target (again to leave at once)`);
    stop.abort();
  });
}

let code: number;
try {
  const options = parseRunnerArgs(process.argv.slice(2), (text) => process.stderr.write(text));
  code = options === 'help' ? 0 : await runInterop(options, { root, cwd: process.cwd(), log, signal: stop.signal });
} catch (error) {
  log(`interop: ${error instanceof HarnessError ? error.toLine() : `internal error: ${errorMessage(error)}`}`);
  code = 2;
}
// Stopped by a signal: the conventional 128 + SIGINT, whatever the targets came to.
process.exit(stop.signal.aborted ? 130 : code);
