import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable every target process and its descendants carry: daemonizing does not shed it. */
export const MARK_VARIABLE = 'MCP_NOTIFY_CHECK_MARK';

export interface Leftover {
  pid: number;
  command: string;
}

/** Reads a /proc file, or undefined when the process is gone or not ours to read. */
function readProc(pid: string, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Processes still running with `mark` in their environment outside process group `exceptGroup`: what a target left
 * behind after its group was ended (a daemon that escaped with setsid, a double fork). Members of the group itself
 * were just sent SIGKILL and may take a moment to go; they are not leftovers. Linux only (/proc); elsewhere nothing.
 */
export function findMarked(mark: string, exceptGroup?: number): Leftover[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const needle = `\0${MARK_VARIABLE}=${mark}\0`;
  const out: Leftover[] = [];
  for (const pid of pids) {
    const environ = readProc(pid, 'environ');
    if (!environ || !`\0${environ}`.includes(needle)) continue;
    // stat after the command name: state, ppid, pgrp, …
    const [state, , pgrp] = readProc(pid, 'stat')?.split(') ')[1]?.split(' ') ?? [];
    if (state === undefined || state === 'Z' || state === 'X' || Number(pgrp) === exceptGroup) continue;
    const command = (readProc(pid, 'cmdline') ?? '').split('\0').filter(Boolean).join(' ');
    out.push({ pid: Number(pid), command });
  }
  return out;
}

/** Sends `signal` to each process; one already gone is not an error. */
export function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
