import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child.js';
import type { Target } from './target-file.js';

/** Written in the target's folder after a good build: the hash of what was built, and how long it took. */
export const STAMP_FILE = '.interop-build';

export interface BuildOutcome {
  ok: boolean;
  /** The last real build's wall time (the stamp's, when this one was skipped). */
  ms: number;
  cached: boolean;
  /** Why it failed, in a few lines: the step, the cause and the log's last lines. */
  failure?: string[];
}

export interface BuildOptions {
  logFile: string;
  timeoutMs: number;
  rebuild: boolean;
  signal?: AbortSignal;
}

/** A sha256 of the build argv and every input file's name and contents; a missing input is named. */
export function buildHash(target: Pick<Target, 'dir' | 'build' | 'inputs'>): { hash?: string; missing?: string } {
  const hash = createHash('sha256').update(JSON.stringify(target.build));
  for (const input of target.inputs) {
    const path = join(target.dir, input);
    if (!existsSync(path)) return { missing: input };
    hash.update(`\0${input}\0`).update(readFileSync(path));
  }
  return { hash: hash.digest('hex') };
}

function readStamp(dir: string): { hash?: string; ms?: number } {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as { hash?: string; ms?: number };
  } catch {
    return {};
  }
}

/** Runs the target's build steps in order, unless its stamp says the same inputs were built already. */
export async function buildTarget(target: Target, options: BuildOptions): Promise<BuildOutcome> {
  const { hash, missing } = buildHash(target);
  if (missing !== undefined) return { ok: false, ms: 0, cached: false, failure: [`input "${missing}" (target.json inputs) does not exist`] };
  const stamp = readStamp(target.dir);
  if (!options.rebuild && stamp.hash === hash) return { ok: true, ms: stamp.ms ?? 0, cached: true };
  if (target.build.length === 0) return { ok: true, ms: 0, cached: false };
  let ms = 0;
  for (const [i, argv] of target.build.entries()) {
    const signal = options.signal ? { signal: options.signal } : {};
    const outcome = await runChild({ argv, cwd: target.dir, logFile: options.logFile, timeoutMs: options.timeoutMs, ...signal });
    ms += outcome.ms;
    if (outcome.code === 0) continue;
    const step = `step ${i + 1} (${argv.join(' ')})`;
    const cause = outcome.spawnError ?? (outcome.timedOut ? `timed out after ${options.timeoutMs} ms` : `exit ${outcome.code ?? 'by signal'}`);
    return { ok: false, ms, cached: false, failure: [`${step}: ${cause}; log: ${options.logFile}`, ...outcome.tail.slice(-8)] };
  }
  writeFileSync(join(target.dir, STAMP_FILE), `${JSON.stringify({ hash, ms: Math.round(ms) })}\n`);
  return { ok: true, ms, cached: false };
}
