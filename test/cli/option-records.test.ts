import { describe, expect, it } from 'vitest';
import { flagName, optionEntries, RunOptionsSchema } from '../../src/config/run-options.js';
import { groupOptions } from '../../src/config/option-groups.js';
import { runCli } from '../helpers/cli.js';

/** `--also-downstream` → alsoDownstream; `--no-probe-call` → probeCall. */
const keyOf = (flag: string) => flag.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The long flags a command's `--help` lists. */
async function helpFlags(command: string): Promise<string[]> {
  const { stdout } = await runCli([command, '--help']);
  return [...stdout.matchAll(/^ {2}(--[a-z][a-z-]*)/gm)].map((match) => match[1] ?? '').filter((flag) => flag !== '--help').sort();
}

describe('each run option declared once', () => {
  it('names its flag after its config key, and every key of the schema has a record', () => {
    const entries = optionEntries();
    expect(entries.map(([key, spec]) => [key, keyOf(flagName(spec))])).toEqual(entries.map(([key]) => [key, key]));
    expect(entries.map(([key]) => key)).toEqual(Object.keys(RunOptionsSchema.shape));
  });

  it('gives run every flag, and demo those of every mode, from the records', async () => {
    const all = optionEntries().map(([, spec]) => flagName(spec));
    const everyMode = optionEntries().filter(([, spec]) => spec.modes === undefined).map(([, spec]) => flagName(spec));
    expect(await helpFlags('run')).toEqual([...all, '--config'].sort());
    expect(await helpFlags('demo')).toEqual([...everyMode, '--config'].sort());
  });

  it.each([
    [['--client', 'node c.js', '--probe-interval', '0'], '--probe-interval is for gateway mode', 'use it with --gateway'],
    [['--client', 'node c.js', '--startup-timeout', '5000'], '--startup-timeout is for gateway and server mode', 'use it with --gateway or --server'],
    [['--server', 'node s.js', '--header', 'X: y', '--no-probe-call'], '--header, --no-probe-call are for gateway mode', 'use them with --gateway'],
    // A scenario of another mode is named by its own mode, not by the run's other one.
    [['--server', 'node s.js', '--scenario', 'gw-storm'], 'gw-storm is for gateways', 'run gateway scenarios with --gateway'],
    [['--client', 'node c.js', '--scenario', 'server-storm,refresh-on-add'], 'server-storm is for servers', 'run server scenarios with --server'],
  ])('refuses %j with its mode, from the option\'s record (exit 2, one line)', async (args, message, hint) => {
    const result = await runCli(['run', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the run options in typed groups', () => {
  it('gives the run its own options and its mode\'s, each group from the options\' records', () => {
    const options = RunOptionsSchema.parse({ gateway: 'node gw.js', downstream: 'stdio', jobs: 2 });
    const groups = groupOptions(options);
    expect(groups.mode).toBe('gateway');
    if (groups.mode !== 'gateway') return;
    expect(groups.gateway).toMatchObject({ gateway: 'node gw.js', downstream: 'stdio', startupTimeout: options.startupTimeout });
    expect(Object.keys(groups.gateway)).not.toContain('jobs');
    expect(groups.run.jobs).toBe(2);
    expect(Object.keys(groups.run)).not.toContain('downstream');
    const everyKey = [...Object.keys(groups.run), ...Object.keys(groups.gateway)];
    const gatewayKeys = optionEntries().filter(([, spec]) => !spec.modes || spec.modes.includes('gateway')).map(([key]) => key);
    expect(everyKey.sort()).toEqual(gatewayKeys.sort());
  });

  it('chooses client mode when no option selects one, and refuses two', () => {
    expect(groupOptions(RunOptionsSchema.parse({})).mode).toBe('client');
    expect(groupOptions(RunOptionsSchema.parse({ serverUrl: 'http://127.0.0.1:1/mcp' })).mode).toBe('server');
    expect(() => groupOptions(RunOptionsSchema.parse({ client: 'c', serverUrl: 'http://127.0.0.1:1/mcp' }))).toThrow('--client and --server cannot be used together');
  });
});
