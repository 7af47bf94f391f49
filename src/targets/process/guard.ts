import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findMarked, signalAll } from './leftovers.js';

/** Every target process group this harness started and has not ended yet, with its mark. */
const live = new Map<number, string>();
let watchdog: ChildProcess | undefined;

/** Where the compiled watchdog lives (beside this module in dist/), also when this module runs from src/ in tests. */
function watchdogPath(): string | undefined {
  const beside = fileURLToPath(new URL('./watchdog-main.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../../dist/src/targets/process/watchdog-main.js', import.meta.url));
  return existsSync(built) ? built : undefined;
}

/** Starts the watchdog once: detached, in its own group, holding nothing of the harness's event loop. */
function tell(line: string): void {
  if (!watchdog) {
    const path = watchdogPath();
    if (!path) return;
    watchdog = spawn(process.execPath, [path], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    watchdog.on('error', () => undefined);
    watchdog.stdin?.on('error', () => undefined);
    watchdog.unref();
    (watchdog.stdin as { unref?: () => void } | null)?.unref?.();
  }
  watchdog.stdin?.write(`${line}\n`);
}

/**
 * A target is about to start with this mark: told before the spawn, so a harness killed between the spawn and
 * `guardGroup` still leaves the target to the watchdog (it finds it by its mark).
 */
export function guardMark(mark: string): void {
  tell(`*${mark}`);
}

/** The target with this mark never started. */
export function forgetMark(mark: string): void {
  tell(`!${mark}`);
}

/** A target's process group started: the watchdog ends it if the harness dies first. */
export function guardGroup(pgid: number, mark: string): void {
  live.set(pgid, mark);
  tell(`+${pgid} ${mark}`);
}

/** The group was ended by the harness itself. */
export function releaseGroup(pgid: number): void {
  live.delete(pgid);
  tell(`-${pgid}`);
}

/**
 * Ends every live target now, with SIGKILL, and whatever carries their marks: the second Ctrl-C path, where there is
 * no time for a grace period but there must be no orphan either.
 */
export function killEverythingNow(): number {
  const pgids = [...live.keys()];
  signalAll(pgids.map((pgid) => -pgid), 'SIGKILL');
  for (const mark of new Set(live.values())) signalAll(findMarked(mark).map((left) => left.pid), 'SIGKILL');
  live.clear();
  return pgids.length;
}
