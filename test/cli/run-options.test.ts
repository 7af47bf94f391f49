import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/config-file.js';
import type { RunReport } from '../../src/judging/run-report.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE = `node ${root}dist/examples/reference-client/main.js`;
const NEVER = `node ${root}dist/test/fixtures/targets/never-relists.js`;
const dir = () => mkdtempSync(join(tmpdir(), 'mnc-options-'));

describe('run options, config files, shards and baselines', () => {
  it('ships a JSON Schema of the config file that matches the options', () => {
    expect(JSON.parse(readFileSync(join(root, 'schemas/config.schema.json'), 'utf8'))).toEqual(configJsonSchema());
  });

  it('finds mcp-notify-check.config.yaml in the working directory and runs from it', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'mcp-notify-check.config.yaml'), `client: ${REFERENCE}\nscenario: early-notification\ntransport: stdio\n`);
    const result = await runCli(['run', '--reporter', 'json', '--quiet'], { cwd, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as RunReport).cells.map((cell) => cell.scenario)).toEqual(['early-notification']);
  }, 60_000);

  it('refuses an unknown config key with a suggestion, naming the file', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'mcp-notify-check.config.json'), '{"client": "x", "transprt": "stdio"}');
    const result = await runCli(['run'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mcp-notify-check\.config\.json: transprt: unknown option; did you mean "transport"\?/);
  });

  it('splits the plan into shards that together run every cell once', async () => {
    const shard = async (which: string) => {
      const args = ['run', '--client', REFERENCE, '--scenario', 'early-notification,multi-list', '--transport', 'stdio', '--era', 'legacy', '--shard', which];
      const result = await runCli([...args, '--reporter', 'json', '--quiet', '--out', join(dir(), 'out')], { timeoutMs: 60_000 });
      return (JSON.parse(result.stdout) as RunReport).cells.map((cell) => cell.scenario);
    };
    expect([...(await shard('1/2')), ...(await shard('2/2'))]).toEqual(['early-notification', 'multi-list']);
    expect((await runCli(['run', '--client', 'x', '--shard', '3/2'])).code).toBe(2);
  }, 60_000);

  it('runs cells at once with --jobs (auto by default from the core count), refusing a bad value with exit 2', async () => {
    const args = ['run', '--client', REFERENCE, '--scenario', 'early-notification,multi-list,paginated-refresh', '--transport', 'stdio,sse', '--era', 'legacy'];
    const result = await runCli([...args, '--jobs', '3', '--reporter', 'json', '--quiet', '--out', join(dir(), 'out')], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.options.jobs).toBe(3);
    expect(report.cells.map((cell) => `${cell.scenario}.${cell.transport}`)).toEqual([
      'early-notification.stdio', 'early-notification.sse', 'multi-list.stdio', 'multi-list.sse', 'paginated-refresh.stdio', 'paginated-refresh.sse',
    ]);
    for (const bad of ['0', 'many', '2.5']) {
      const refused = await runCli(['run', '--client', 'x', '--jobs', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/jobs/);
    }
  }, 60_000);

  it('treats a baselined failure as expected (exit 0), a stale entry as a failure (exit 1), an unknown one as exit 2', async () => {
    const cwd = dir();
    const run = (baseline: string[]) => {
      writeFileSync(join(cwd, 'baseline.json'), JSON.stringify(baseline));
      const args = ['run', '--client', NEVER, '--scenario', 'refresh-on-add', '--transport', 'stdio', '--era', 'legacy', '--baseline', join(cwd, 'baseline.json')];
      return runCli([...args, '--reporter', 'json', '--quiet', '--out', join(cwd, 'out')], { timeoutMs: 60_000 });
    };
    // A client that never re-lists fails relist-after-notify and converges on refresh-on-add.
    const expected = await run(['refresh-on-add']);
    expect(expected.code, expected.stderr).toBe(0);
    expect((JSON.parse(expected.stdout) as RunReport).summary).toMatchObject({ fail: 0, xfail: 2 });
    const stale = await run(['refresh-on-add:converges', 'refresh-on-add:relist-after-notify', 'refresh-on-add:target-survives']);
    expect(stale.code).toBe(1);
    expect((JSON.parse(stale.stdout) as RunReport).baseline?.stale).toEqual(['refresh-on-add:target-survives']);
    const unknown = await run(['refresh-on-ad']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/entry 0 "refresh-on-ad": unknown scenario/);
  }, 90_000);

  it('refuses an unwritable report path before running anything', async () => {
    const cwd = dir();
    // A client that leaves a mark when it starts: refused up front, it is never started (not even to detect its eras).
    const mark = join(cwd, 'started');
    const args = ['run', '--client', `touch ${mark}`, '--scenario', 'refresh-on-add', '--transport', 'stdio', '--out', join(cwd, 'out')];
    const result = await runCli([...args, '--reporter', 'json:ok.json', '--reporter', 'junit:/etc/hostname/x.xml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--reporter junit:\/etc\/hostname\/x\.xml: cannot write/);
    expect(existsSync(mark)).toBe(false);
    expect(existsSync(join(cwd, 'ok.json'))).toBe(false);
  });
});
