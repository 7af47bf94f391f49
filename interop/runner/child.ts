import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** After SIGTERM a child gets this long to end what it started (the harness ends its targets and writes reports). */
const GRACE_MS = 10_000;
/** After a second SIGTERM (the harness's "force"), this long before SIGKILL. */
const FORCE_MS = 5_000;
/** After the child exits, how long its pipes may stay open (held by something it started elsewhere). */
const PIPE_LINGER_MS = 2_000;
/** Lines kept of each output stream: enough to show why a build or run failed. */
const TAIL_LINES = 20;

export interface ChildOptions {
  argv: readonly string[];
  cwd: string;
  /** Both output streams are appended here. */
  logFile: string;
  timeoutMs: number;
  /** Aborted when the runner is asked to stop: the child is ended as on a timeout. */
  signal?: AbortSignal;
}

export interface ChildOutcome {
  /** Exit code; null when it ended by a signal or never started. */
  code: number | null;
  timedOut: boolean;
  /** The program could not be started: the message names it (e.g. `cargo` not found on PATH). */
  spawnError?: string;
  /** Last lines of stderr, and of stdout and stderr together. */
  stderrTail: string[];
  tail: string[];
  ms: number;
}

/** Keeps the last lines of a stream. */
function tailOf(into: string[][]): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const list of into) {
      list.push(...lines.filter((line) => line.trim() !== ''));
      list.splice(0, Math.max(0, list.length - TAIL_LINES));
    }
  };
}

/** Signals a whole process group; one that is gone already is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/**
 * Runs one command in its own process group with its output logged. A timeout or an abort ends it gently, then by
 * force; once it exits, whatever it left in its group is killed, so nothing it started outlives it.
 */
export async function runChild(options: ChildOptions): Promise<ChildOutcome> {
  const started = performance.now();
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const stderrTail: string[] = [];
  const tail: string[] = [];
  const [command = '', ...args] = options.argv;
  log.write(`$ ${options.argv.join(' ')}\n`);
  const outcome = await new Promise<Omit<ChildOutcome, 'stderrTail' | 'tail' | 'ms'>>((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = () => {
      if (child.pid === undefined || timers.length > 0) return;
      signalGroup(child.pid, 'SIGTERM');
      const pid = child.pid;
      timers.push(setTimeout(() => signalGroup(pid, 'SIGTERM'), GRACE_MS), setTimeout(() => signalGroup(pid, 'SIGKILL'), GRACE_MS + FORCE_MS));
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
    child.stdout.on('data', tailOf([tail]));
    child.stderr.on('data', tailOf([stderrTail, tail]));
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const finish = (result: Omit<ChildOutcome, 'stderrTail' | 'tail' | 'ms'>) => {
      clearTimeout(deadline);
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      resolve(result);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      const spawnError = error.code === 'ENOENT' ? `\`${command}\` not found on PATH` : `cannot start \`${command}\`: ${error.message}`;
      finish({ code: null, timedOut: false, spawnError });
    });
    child.once('exit', () => {
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      // A grandchild outside the group may still hold the pipes: their last output is not worth waiting for.
      timers.push(setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_LINGER_MS));
    });
    child.once('close', (code) => finish({ code, timedOut }));
  });
  await new Promise<void>((resolve) => log.end(resolve));
  return { ...outcome, stderrTail, tail, ms: performance.now() - started };
}
