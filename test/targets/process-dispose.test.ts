import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnTarget } from '../../src/targets/process/process.js';
import { Journal } from '../../src/trace/journal.js';

/** Starts `script` under node behind a shell that stays its process group's leader (`; true` keeps sh from exec'ing). */
function behindShell(script: string) {
  const journal = new Journal();
  const handle = spawnTarget({
    command: `${process.execPath} -e ${JSON.stringify(script)}; true`,
    rendered: true,
    endpoint: { transport: 'stdio', era: 'legacy', scenario: 'unit' },
    journal,
  });
  return { handle, journal };
}

/** Resolves once `path` exists: the script writes it when it is up and has its SIGTERM handler in place. */
async function untilExists(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('disposing a target behind a shell', () => {
  it('lets the command the shell ran finish its own shutdown after the shell died of SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnc-dispose-'));
    const up = join(dir, 'up');
    const done = join(dir, 'done');
    // Shuts down over 300 ms on SIGTERM (as a gateway ends the servers it started), then says it finished.
    const { handle, journal } = behindShell(
      `const fs = require('node:fs'); process.on('SIGTERM', () => setTimeout(() => { fs.writeFileSync(${JSON.stringify(done)}, 'done'); process.exit(0); }, 300));` +
      ` fs.writeFileSync(${JSON.stringify(up)}, 'up'); setInterval(() => undefined, 1000);`,
    );
    await untilExists(up);
    await handle.dispose();
    // Killing the group the moment the shell was gone would have cut the shutdown short: no 'done'.
    expect(readFileSync(done, 'utf8')).toBe('done');
    expect(journal.ofKind('target-leftover')).toEqual([]);
  });

  it('still kills, at the end of the grace period, a command that ignores SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnc-dispose-'));
    const up = join(dir, 'up');
    const { handle, journal } = behindShell(
      `process.on('SIGTERM', () => undefined); require('node:fs').writeFileSync(${JSON.stringify(up)}, 'up'); setInterval(() => undefined, 1000);`,
    );
    await untilExists(up);
    // Without the bound this would wait forever: the command never ends by itself.
    await handle.dispose();
    expect(journal.ofKind('target-exited')).toHaveLength(1);
    expect(journal.ofKind('target-leftover')).toEqual([]);
  });
});
