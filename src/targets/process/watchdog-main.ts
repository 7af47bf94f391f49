// The watchdog: a tiny detached process that outlives the harness just long enough to end what the run started. The
// harness tells it, one line each on its stdin, `*<mark>` just before a target starts (so a harness killed between the
// spawn and the next line still leaves the target findable by its mark), `+<pgid> <mark>` once it has started, `!<mark>`
// when it could not start, and `-<pgid>` when it has been ended. When its stdin closes (the harness exited, crashed or was killed with SIGKILL) it ends every group still
// listed and every process carrying a listed mark, SIGTERM then SIGKILL, and exits. It ignores Ctrl-C: it is in its
// own process group, and it must survive the signal that interrupts the harness.
import { findMarked, signalAll } from './leftovers.js';

const GRACE_MS = 2_000;
const groups = new Map<number, string>();
/** Marks of targets about to start or running: what carries one is ended too. */
const marks = new Set<string>();

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);

let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffer += chunk;
  for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
    const [command = '', mark = ''] = buffer.slice(0, newline).split(' ');
    buffer = buffer.slice(newline + 1);
    if (command.startsWith('*')) marks.add(command.slice(1));
    else if (command.startsWith('!')) marks.delete(command.slice(1));
    const pgid = Number(command.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (command.startsWith('+')) groups.set(pgid, mark);
    else if (command.startsWith('-')) {
      marks.delete(groups.get(pgid) ?? '');
      groups.delete(pgid);
    }
  }
});

function endEverything(signal: NodeJS.Signals): void {
  signalAll([...groups.keys()].map((pgid) => -pgid), signal);
  for (const mark of new Set([...marks, ...groups.values()])) signalAll(findMarked(mark).map((left) => left.pid), signal);
}

process.stdin.on('end', () => {
  if (groups.size === 0 && marks.size === 0) process.exit(0);
  endEverything('SIGTERM');
  setTimeout(() => {
    endEverything('SIGKILL');
    process.exit(0);
  }, GRACE_MS);
});
