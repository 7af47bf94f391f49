import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCopy } from '../helpers/clean-copy.js';

const run = promisify(execFile);
/** npm ci and tsc in a fresh checkout, on a loaded 2-core machine. */
const SETUP_MS = 300_000;

interface Step {
  code: number;
  stdout: string;
  /** The `::error`/`::warning` workflow commands the step printed. */
  commands: string[];
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/**
 * Runs action/run.sh as the composite step does: the action's checkout at GITHUB_ACTION_PATH, a workspace of its own as
 * the working directory, the inputs as MNC_* variables (what action.yml maps them to), GitHub's files for outputs and
 * the job summary.
 */
async function step(actionPath: string, inputs: Record<string, string>, job: Record<string, string> = {}): Promise<Step> {
  const workspace = mkdtempSync(join(tmpdir(), 'mnc-workspace-'));
  const runner = mkdtempSync(join(tmpdir(), 'mnc-runner-'));
  const [output, summary] = [join(runner, 'output'), join(runner, 'summary.md')];
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('MNC_'))),
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: workspace,
    GITHUB_JOB: 'list-changed',
    RUNNER_TEMP: runner,
    MNC_TRANSPORTS: 'stdio,sse,http',
    MNC_FAIL_ON: 'all',
    MNC_JOB_INDEX: '0',
    MNC_JOB_TOTAL: '1',
    FORCE_COLOR: '1',
    ...job,
    ...inputs,
  };
  const { code, stdout } = await run('bash', [join(actionPath, 'action', 'run.sh')], { cwd: workspace, env, timeout: SETUP_MS, maxBuffer: 64 * 1024 * 1024 })
    .then(({ stdout: out }) => ({ code: 0, stdout: out }), (error: unknown) => {
      const failed = error as { code?: number; stdout?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
    });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
  const commands = stdout.split('\n').filter((line) => /^::(error|warning) /.test(line));
  return { code, stdout, commands, outputs, summary: readFileSync(summary, 'utf8'), workspace };
}

/** A pattern for text to be found as it is. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the GitHub Action, run outside GitHub with its environment', () => {
  let action = '';
  let client = '';
  // The checkout gets a full node_modules: it does not outlive the tests.
  afterAll(() => rmSync(action, { recursive: true, force: true }));
  beforeAll(() => {
    action = cleanCopy('mnc-action-');
    // A client that never re-lists, from the action's own build (dist/test/fixtures): two checks fail on it.
    client = `node ${join(action, 'dist', 'test', 'fixtures', 'targets', 'never-relists.js')}`;
  });
  const cell = { MNC_SCENARIOS: 'refresh-on-add', MNC_TRANSPORTS: 'stdio', MNC_ERAS: 'legacy' };

  it.each([
    ['no target', {}, 'give exactly one of client, gateway, or server'],
    ['two targets', { MNC_CLIENT: 'node c.js', MNC_SERVER: 'node s.js' }, 'got 2'],
    ['a gateway without downstream', { MNC_GATEWAY: 'gw {url}' }, 'gateway needs downstream'],
    ['an unknown fail-on', { MNC_CLIENT: 'node c.js', MNC_FAIL_ON: 'sometimes' }, 'fail-on must be must, should or all'],
    ['a malformed shard', { MNC_CLIENT: 'node c.js', MNC_SHARD: '1-3' }, 'shard must be i/n'],
    ['a malformed version', { MNC_CLIENT: 'node c.js', MNC_VERSION: '$(rm -rf /)' }, 'version must be a published version or tag'],
  ])('refuses %s as a setup error (exit 2, an ::error naming the inputs), before installing anything', async (_, inputs, reason) => {
    const result = await step(action, inputs);
    expect(result.code).toBe(2);
    expect(result.commands).toEqual([expect.stringMatching(new RegExp(`^::error title=mcp-notify-check setup%3A inputs::.*${literally(reason)}`))]);
    expect(result.outputs['exit-code']).toBe('2');
    expect(result.summary).toContain('mcp-notify-check could not run');
    expect(existsSync(join(action, 'node_modules'))).toBe(false);
  });

  it('installs and builds its own checkout, and reports a failing client: exit 1, an ::error per failed check, the job summary', async () => {
    const result = await step(action, { ...cell, MNC_CLIENT: client }, { MNC_JOB_INDEX: '1', MNC_JOB_TOTAL: '3' });
    expect(result.stdout).toContain('npm ci');
    // Node 20 is enough for every dependency npm ci installs (pipenet, which wants 22, is stubbed: stubs/pipenet).
    expect(result.stdout).not.toContain('EBADENGINE');
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({
      'exit-code': '1', 'artifact': 'mcp-notify-check-list-changed-2-of-3', 'report-dir': 'mcp-notify-check-report',
    });
    const place = 'refresh-on-add \\[stdio, legacy\\]';
    expect(result.commands).toEqual([
      expect.stringMatching(new RegExp(`^::error title=relist-after-notify::${place}: expected tools/list within 3000 ms`)),
      expect.stringMatching(new RegExp(`^::error title=converges::${place}: final tools view .* is missing \\[delta\\]`)),
    ]);
    expect(result.summary).toMatch(/refresh-on-add \| stdio \| legacy \| ❌ fail \| `relist-after-notify`/);
    for (const file of ['junit.xml', 'report.html', 'report.json', 'summary.md', 'traces/refresh-on-add.stdio.jsonl']) {
      expect(existsSync(join(result.workspace, 'mcp-notify-check-report', file)), file).toBe(true);
    }
  }, SETUP_MS);

  it('names each job\'s artifact apart (matrix index, shard), and a second use in the job does not install again', async () => {
    const result = await step(action, { ...cell, MNC_CLIENT: client, MNC_SHARD: '1/1' }, { MNC_JOB_INDEX: '2', MNC_JOB_TOTAL: '3' });
    expect(result.stdout).toContain('dependencies already installed');
    expect(result.stdout).toContain('already built');
    expect(result.code).toBe(1);
    expect(result.outputs.artifact).toBe('mcp-notify-check-list-changed-3-of-3-shard-1-of-1');
    const named = await step(action, { ...cell, MNC_CLIENT: client, MNC_ARTIFACT_NAME: 'client-reports' });
    expect(named.outputs.artifact).toBe('client-reports');
  }, SETUP_MS);

  it('turns a run that stops before it starts (an unknown scenario) into exit 2 with its one line as the ::error', async () => {
    const result = await step(action, { ...cell, MNC_CLIENT: client, MNC_SCENARIOS: 'refresh-on-nothing' });
    expect(result.code).toBe(2);
    const line = /^::error title=mcp-notify-check::mcp-notify-check: UNKNOWN_SCENARIO: unknown scenario "refresh-on-nothing"/;
    expect(result.commands).toEqual([expect.stringMatching(line)]);
    expect(result.outputs['exit-code']).toBe('2');
  }, SETUP_MS);

  it('reports a version that is not on npm as a setup error naming the install, not as a failed check', async () => {
    const result = await step(action, { ...cell, MNC_CLIENT: client, MNC_VERSION: '0.0.0-never-published' });
    expect(result.code).toBe(2);
    expect(result.commands).toEqual([expect.stringMatching(/^::error title=mcp-notify-check setup%3A install::npm could not/)]);
    expect(result.commands[0]).toMatch(/mcp-notify-check@0\.0\.0-never-published .*\b404\b/);
  }, SETUP_MS);

  it('reports a checkout that does not build as a setup error naming the build (exit 2)', async () => {
    appendFileSync(join(action, 'src', 'version.ts'), '\nexport const broken: number = \'not a number\';\n');
    rmSync(join(action, 'node_modules', '.mcp-notify-check-built'), { force: true });
    const result = await step(action, { ...cell, MNC_CLIENT: client });
    expect(result.code).toBe(2);
    const line = /^::error title=mcp-notify-check setup%3A build::the build in the action's checkout failed .*error TS2322/;
    expect(result.commands).toEqual([expect.stringMatching(line)]);
    expect(result.summary).toContain('**build**');
  }, SETUP_MS);
});
