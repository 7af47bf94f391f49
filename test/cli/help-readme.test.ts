import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/**
 * The flags each command's usage lines in the README name: a line `mcp-notify-check <command> …` and the indented lines
 * under it, in any fenced block, comments after `#` left out.
 */
function readmeFlags(): Map<string, Set<string>> {
  const flags = new Map<string, Set<string>>();
  for (const [, block = ''] of README.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    let command: string | undefined;
    for (const line of block.split('\n')) {
      const opens = /^mcp-notify-check (\w+)/.exec(line);
      if (opens) command = opens[1];
      else if (!/^\s+\S/.test(line)) command = undefined;
      if (!command) continue;
      const named = flags.get(command) ?? new Set<string>();
      for (const [flag] of line.replace(/#.*/, '').matchAll(/--[a-z][a-z-]*/g)) named.add(flag);
      flags.set(command, named);
    }
  }
  return flags;
}

/** The flags `mcp-notify-check <command> --help` lists (its option lines, not their descriptions), without --help. */
async function helpFlags(command: string): Promise<Set<string>> {
  const { code, stdout } = await runCli([command, '--help']);
  expect(code).toBe(0);
  const flags = [...stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((match) => match[1] ?? '');
  return new Set(flags.filter((flag) => flag !== '--help'));
}

describe('the README\'s usage lines', () => {
  it.each(['run', 'serve', 'check'])('name exactly the flags of `%s --help`', async (command) => {
    const help = [...(await helpFlags(command))].sort();
    expect(help.length).toBeGreaterThan(3);
    expect([...(readmeFlags().get(command) ?? [])].sort()).toEqual(help);
  });

  it('are right that demo takes the same options as run', async () => {
    const run = await helpFlags('run');
    expect([...(await helpFlags('demo'))].filter((flag) => !run.has(flag))).toEqual([]);
  });

  it('and run --help name the {era} placeholder the target command gets', async () => {
    const { stdout } = await runCli(['run', '--help']);
    const client = /\n {2}--client <command>([\s\S]*?)\n {2}-/.exec(stdout)?.[1] ?? '';
    expect(client).toContain('{era}');
    expect(README).toContain('| `{era}` | `MCP_NOTIFY_CHECK_ERA` |');
  });
});
