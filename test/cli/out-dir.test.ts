import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-out-dir-'));
const FILE = join(dir, 'a-file');
writeFileSync(FILE, 'not a folder\n');

describe('--out', () => {
  it.each([
    ['a folder under a file', join(FILE, 'reports')],
    ['a file', FILE],
  ])('that cannot hold traces (%s) is one line and exit 2, before anything runs', async (_, out) => {
    const started = performance.now();
    const result = await runCli(['demo', '--scenario', 'refresh-on-add', '--transport', 'stdio', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mcp-notify-check: BAD_OUT_DIR: --out .*: cannot write traces to .*traces: ENOTDIR/)]);
    expect(result.stderr).not.toContain('internal error');
    // Refused up front: no cell was started (a cell of this scenario takes seconds).
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
