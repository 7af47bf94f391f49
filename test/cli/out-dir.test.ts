import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    const result = await runCli(['demo', '--scenario', 'refresh-on-add', '--transport', 'stdio', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mcp-notify-check: BAD_OUT_DIR: --out .*: cannot write traces to .*traces: ENOTDIR/)]);
    expect(result.stderr).not.toContain('internal error');
    // Refused up front: a client that leaves a mark when it starts was never started (not even to detect its eras).
    const mark = join(mkdtempSync(join(tmpdir(), 'mnc-out-dir-mark-')), 'started');
    const run = await runCli(['run', '--client', `touch ${mark}`, '--scenario', 'refresh-on-add', '--transport', 'stdio', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/BAD_OUT_DIR/);
    expect(existsSync(mark)).toBe(false);
  });
});
