import { describe, expect, it } from 'vitest';
import { flagName, optionEntries, RunOptionsSchema } from '../../src/config/run-options.js';
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
  ])('refuses %j with its mode, from the option\'s record (exit 2, one line)', async (args, message, hint) => {
    const result = await runCli(['run', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
