import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the published package', () => {
  it('builds on pack and ships what it needs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts.prepack).toBe('npm run build');
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
});
