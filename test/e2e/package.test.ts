import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cleanCopy } from '../helpers/clean-copy.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the published package', () => {
  it('builds on pack and on install from git (prepare), and ships what it needs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/src', 'dist/examples', 'docs', 'LICENSE', 'README.md']));
  });

  it('installs from its tarball with no dev dependencies and runs --help, list and a demo scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnc-pack-'));
    // npm test has just built dist/; packing must not rebuild it under the other test files' feet.
    const { stdout: packed } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root });
    const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    const files = info?.files.map((file) => file.path) ?? [];
    expect(files).toEqual(expect.arrayContaining(['dist/src/cli.js', 'dist/examples/reference-client/main.js', 'LICENSE', 'docs/gateways.md']));
    expect(files.some((file) => file.startsWith('dist/test/') || file.endsWith('.map'))).toBe(false);

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}\n');
    const install = await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(dir, info?.filename ?? '')], { cwd: app });
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/EBADENGINE/);
    const cli = (args: string[]) => run('npx', ['--no-install', 'mcp-notify-check', ...args], { cwd: app, timeout: 60_000 });
    expect((await cli(['--help'])).stdout).toContain('Usage: mcp-notify-check');
    expect((await cli(['list', 'checks'])).stdout).toContain('relist-after-notify');
    const demo = await cli(['demo', '--scenario', 'refresh-on-add', '--transport', 'stdio', '--reporter', 'json', '--quiet', '--out', join(dir, 'out')]);
    expect((JSON.parse(demo.stdout) as { summary: { fail: number; pass: number } }).summary).toMatchObject({ fail: 0 });
  }, 120_000);

  it('installs from a fresh clone as `npm install github:<owner>/<repo>` does, and runs', async () => {
    // npm installs a git dependency by cloning it, installing its dev dependencies, running prepare (the build), packing
    // it and installing that tarball: a clean copy committed to a local repository goes through exactly that.
    const repo = cleanCopy('mnc-git-');
    const git = (args: string[]) => run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: repo });
    await git(['init', '--quiet']);
    await git(['add', '--all']);
    await git(['commit', '--quiet', '--message', 'snapshot']);
    const app = mkdtempSync(join(tmpdir(), 'mnc-git-app-'));
    writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}\n');
    await run('npm', ['install', '--no-audit', '--no-fund', `git+file://${repo}`], { cwd: app, timeout: 600_000 });
    const cli = (args: string[]) => run('npx', ['--no-install', 'mcp-notify-check', ...args], { cwd: app, timeout: 60_000 });
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await cli(['list', 'checks'])).stdout).toContain('relist-after-notify');
    const demo = await cli(['demo', '--scenario', 'refresh-on-add', '--transport', 'stdio', '--era', 'legacy', '--reporter', 'json', '--quiet', '--out', join(app, 'out')]);
    expect((JSON.parse(demo.stdout) as { summary: { fail: number; pass: number } }).summary).toMatchObject({ fail: 0 });
    for (const folder of [repo, app]) rmSync(folder, { recursive: true, force: true });
  }, 600_000);
});
