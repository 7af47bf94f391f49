import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { HarnessError } from '../../errors.js';
import type { Journal } from '../../trace/journal.js';
import type { ExitInfo } from '../target.js';
import { LineSplitter } from '../../mock-server/transports/stdio/lines.js';
import { renderCommand, type TargetEndpoint, targetEnv } from '../command.js';
import { forgetMark, guardGroup, guardMark, releaseGroup } from './guard.js';
import { findMarked, MARK_VARIABLE, signalAll } from './leftovers.js';
import { wrappedBy } from './shell-children.js';
import { parseViewReport } from './view-report.js';

/** How long a target gets to exit after SIGTERM before its whole process group is killed. */
export const TERMINATE_GRACE_MS = 2_000;
/** Lines of the target's output kept for error messages. */
const TAIL_LINES = 20;

/** A target process; `dispose` ends it and everything it started, on every path. */
export interface ProcessHandle {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly command: string;
  /** Settles when the target process exits, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  readonly hasExited: boolean;
  /** The last lines the target wrote to stdout and stderr. */
  tail(): string;
  /**
   * Asks the target to shut down (SIGTERM to the command the shell runs, else to its process group) without the kill
   * that follows in `dispose`: its exit is expected from now on. `dispose` still ends whatever is left.
   */
  terminate(): void;
  dispose(): Promise<void>;
}

export interface SpawnOptions {
  /** The command template, or with `rendered` the final command line. */
  command: string;
  rendered?: boolean;
  endpoint: TargetEndpoint;
  journal: Journal;
  /** The target's own stdin/stdout carry MCP (a gateway with a stdio downstream): no view reports on stdout. */
  mcpOverStdio?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** Starts a target command through the shell in its own process group, journaling its view reports and exit. */
export function spawnTarget(options: SpawnOptions): ProcessHandle {
  const command = options.rendered ? options.command : renderCommand(options.command, options.endpoint);
  // Every process the target starts inherits the mark, so what escapes its process group can still be found and ended.
  const mark = randomUUID();
  guardMark(mark);
  const child = spawn('/bin/sh', ['-c', command], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), ...targetEnv(options.endpoint), [MARK_VARIABLE]: mark },
    stdio: [options.mcpOverStdio ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    // Its own process group, so dispose can end the target and everything it spawned (e.g. a stdio mock).
    detached: true,
  });
  if (child.pid === undefined) {
    forgetMark(mark);
    throw new HarnessError('TARGET_START', `cannot start the target: ${command}`);
  }
  const pid = child.pid;
  guardGroup(pid, mark);
  const { journal } = options;
  journal.append({ kind: 'target-started', pid, command });
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  const stdout = new LineSplitter((line) => {
    const report = parseViewReport(line);
    if (report) journal.append({ kind: 'target-view', list: report.list, names: report.names });
    else keep(line);
  }, { onOverflow: (chars) => keep(`(a ${chars}-character line was dropped)`) });
  const stderr = new LineSplitter(keep, { onOverflow: (chars) => keep(`(a ${chars}-character line was dropped)`) });
  if (!options.mcpOverStdio) child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  let disposing = false;
  let done = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      stdout.end();
      stderr.end();
      journal.append({ kind: 'target-exited', code, signal, expected: disposing });
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      keep(`cannot run the target: ${error.message}`);
    });
  });
  return {
    pid,
    child,
    command,
    exited,
    get hasExited() {
      return done;
    },
    tail: () => tail.join('\n'),
    terminate: () => {
      disposing = true;
      // Behind a shell that did not exec its command, signal what it runs: a signalled shell exits at once, and Node
      // then closes the pipe to its stdin, which a stdio server would read as its client leaving, not as a shutdown.
      const inner = wrappedBy(pid);
      if (inner.length) signalAll(inner, 'SIGTERM');
      else signalGroup(pid, 'SIGTERM');
    },
    dispose: async () => {
      disposing = true;
      await endGroup(child, exited, mark);
      // Whatever left the group (setsid, a double fork) still carries the mark: name it on the trace, then end it.
      const leftovers = findMarked(mark, pid);
      for (const left of leftovers) journal.append({ kind: 'target-leftover', pid: left.pid, command: left.command });
      signalAll(leftovers.map((left) => left.pid), 'SIGKILL');
      releaseGroup(pid);
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** How often what a target started is looked for, while it shuts down within the grace period after its leader exited. */
const SHUTDOWN_POLL_MS = 25;

/**
 * SIGTERM to the group, then SIGKILL once nothing carrying the target's mark runs any more, or the grace period is
 * over; also reaps children left after the leader exited. A shell leader dies of SIGTERM at once, while the command it
 * ran may still be shutting down, ending what it started in groups of its own (as supergateway does): killing the group
 * the moment the leader is gone would leave those behind.
 */
async function endGroup(child: ChildProcess, exited: Promise<ExitInfo>, mark: string): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const grace = { over: false };
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      grace.over = true;
      resolve('timeout');
    }, TERMINATE_GRACE_MS);
  });
  await Promise.race([exited, graceOver]);
  // Zombies are not counted (findMarked skips them): an orphan's may never be reaped where PID 1 does not reap.
  while (!grace.over && findMarked(mark).length > 0) {
    await Promise.race([graceOver, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_POLL_MS))]);
  }
  clearTimeout(timer);
  signalGroup(pid, 'SIGKILL');
  await exited;
}
