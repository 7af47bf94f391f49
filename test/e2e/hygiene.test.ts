import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/judging/run-report.js';
import { MARK_VARIABLE } from '../../src/targets/process/leftovers.js';
import { CLI } from '../helpers/cli.js';

const REFERENCE = fileURLToPath(new URL('../../dist/examples/reference-client/main.js', import.meta.url));
const WATCHDOG = fileURLToPath(new URL('../../dist/src/targets/process/watchdog-main.js', import.meta.url));

/** Processes whose command line contains `needle` (a unique sleep length each test picks). */
function processesWith(needle: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** SIGKILL's bit in a /proc status signal mask (signal n is bit n - 1). */
const SIGKILL_BIT = 1n << 8n;

/**
 * Whether a process is gone or already has SIGKILL pending: once the harness has exited, a target it killed is either
 * reaped, a zombie (its command line reads empty), or about to die with SIGKILL pending. What nobody killed has none.
 */
function killedOrGone(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const masks = [...status.matchAll(/^(?:SigPnd|ShdPnd):\s*([0-9a-f]+)$/gm)].map((m) => BigInt(`0x${m[1] ?? '0'}`));
    return masks.some((mask) => (mask & SIGKILL_BIT) !== 0n) || /^State:\s*[ZX]/m.test(status);
  } catch {
    return true;
  }
}

/**
 * Polls until `done` holds: the processes under test are outside this process, so there is no event to wait on. No
 * deadline of its own: what the test waits for either happens, or the test's timeout says it never did.
 */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A unique sleep length, and how to write it so that only the sleeping process's command line shows it (not ours). */
function unique(): { tag: string; sleep: string } {
  const whole = 31_000 + Math.floor(Math.random() * 1_000);
  const fraction = Math.floor(Math.random() * 1e6);
  return { tag: `sleep ${whole}.${fraction}`, sleep: `sleep $((${whole}+0)).${fraction}` };
}

function startRun(client: string, out: string) {
  const args = [CLI, 'run', '--client', client, '--transport', 'stdio', '--era', 'legacy', '--scenario', 'refresh-on-add', '--reporter', `json:${out}/report.json`, '--out', out, '--quiet'];
  const harness: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const said = new Set<(text: string) => void>();
  harness.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of said) listener(stderr);
  });
  /** Resolves once the harness has written `text` to stderr: it has handled what the test did. */
  const saying = (text: string) => new Promise<void>((resolve) => {
    const listener = (all: string) => {
      if (!all.includes(text)) return;
      said.delete(listener);
      resolve();
    };
    said.add(listener);
    listener(stderr);
  });
  return { harness, saying, exit: once(harness, 'exit').then(([code]) => code as number | null) };
}

describe('no process outlives the run', () => {
  it('exits 130 on Ctrl-C, with the target ended and the report written', async () => {
    const { tag, sleep } = unique();
    const out = `reports/e2e/hygiene-int-${Date.now()}`;
    const { harness, exit } = startRun(sleep, out);
    await until(() => processesWith(tag).length > 0);
    harness.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(processesWith(tag)).toEqual([]);
    expect((JSON.parse(readFileSync(`${out}/report.json`, 'utf8')) as RunReport).error?.code).toBe('INTERRUPTED');
  }, 30_000);

  it('on a second Ctrl-C kills a target that ignores SIGTERM at once, still writing the partial report', async () => {
    const { tag, sleep } = unique();
    const out = `reports/e2e/hygiene-force-${Date.now()}`;
    const { harness, saying, exit } = startRun(`trap '' TERM; ${sleep}; ${sleep}`, out);
    await until(() => processesWith(tag).length > 0);
    harness.kill('SIGINT');
    // Two signals sent back to back can arrive as one: the second goes once the harness has said it is stopping.
    await saying('SIGINT: stopping (again to force)');
    harness.kill('SIGINT');
    expect(await exit).toBe(130);
    // At once, not after the grace period: by the time the harness has exited, the target it could not stop with SIGTERM
    // is gone or has SIGKILL pending. Without the forced kill it would still be alive here, left to the watchdog.
    expect(processesWith(tag).filter((pid) => !killedOrGone(pid))).toEqual([]);
    expect((JSON.parse(readFileSync(`${out}/report.json`, 'utf8')) as RunReport).error).toEqual({
      code: 'INTERRUPTED',
      message: 'forced to stop by a second SIGINT; the report covers the 0 cell(s) that finished',
    });
  }, 30_000);

  it('ends the target through the watchdog when the harness itself is killed with SIGKILL', async () => {
    const { tag, sleep } = unique();
    const { harness, exit } = startRun(sleep, `reports/e2e/hygiene-kill-${Date.now()}`);
    await until(() => processesWith(tag).length > 0);
    harness.kill('SIGKILL');
    await exit;
    // The watchdog sends SIGTERM, then SIGKILL after its 2 s grace.
    await until(() => processesWith(tag).length === 0);
    expect(processesWith(tag)).toEqual([]);
  }, 30_000);

  it('ends a target the harness was killed too early to report, by the mark it announced before the spawn', async () => {
    // The window a SIGKILL can hit: the target is spawned, and the harness dies before it tells the watchdog its group.
    const watchdog = spawn(process.execPath, [WATCHDOG], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    const mark = `hygiene-${process.pid}-${Date.now()}`;
    watchdog.stdin.write(`*${mark}\n`);
    const { tag, sleep } = unique();
    const target = spawn('/bin/sh', ['-c', sleep], { detached: true, stdio: 'ignore', env: { ...process.env, [MARK_VARIABLE]: mark } });
    target.unref();
    await until(() => processesWith(tag).length > 0);
    watchdog.stdin.end();
    await until(() => processesWith(tag).length === 0);
    expect(processesWith(tag)).toEqual([]);
    await once(watchdog, 'exit');
  }, 30_000);

  it('finds and ends what a target daemonized out of its process group, and says so with target-cleanup', async () => {
    const { tag, sleep } = unique();
    const out = `reports/e2e/hygiene-daemon-${Date.now()}`;
    const { exit } = startRun(`setsid -f ${sleep}; exec node ${REFERENCE}`, out);
    expect(await exit).toBe(1);
    const checks = (JSON.parse(readFileSync(`${out}/report.json`, 'utf8')) as RunReport).cells[0]?.checks ?? [];
    expect(checks.find((check) => check.id === 'target-cleanup')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining(tag),
    });
    expect(checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['target-cleanup']);
    expect(processesWith(tag)).toEqual([]);
  }, 30_000);
});
