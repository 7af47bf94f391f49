import { Command } from 'commander';
import { merge, type OptionSpec, RUN_OPTIONS, RunOptionsSchema } from '../config/run-options.js';
import { loadConfig } from '../config/config-file.js';
import { referenceClientCommand } from './choose.js';
import { executeRun } from './execute.js';
import { type CliIo, type ExitCode } from './io.js';
import { collect, parseOptions } from './options.js';

/** The flags of the options `keep` picks, each from its one declaration, then `--config`. */
function addRunOptions(command: Command, keep: (spec: OptionSpec) => boolean = () => true): Command {
  for (const spec of Object.values(RUN_OPTIONS) as OptionSpec[]) {
    if (!keep(spec)) continue;
    if (spec.repeatable) command.option(spec.flag, spec.help, collect);
    else command.option(spec.flag, spec.help);
  }
  return command.option(
    '--config <file>',
    'JSON or YAML file of these options (camelCase keys; default: mcp-notify-check.config.json in the working directory); flags override it',
  );
}

/** What the command line gave: a value commander filled in by itself (a `--no-` flag's `true`) leaves the config file's. */
function givenFlags(raw: Record<string, unknown>, command: Command): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'config' && command.getOptionValueSource(key) !== 'default'));
}

/** `mcp-notify-check run --client "<cmd>"`. */
export function runCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(new Command('run').description('drive a client, a gateway or a server through the scenarios and judge it'))
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const fromFile = await loadConfig(raw.config as string | undefined, io.cwd);
      const options = parseOptions(RunOptionsSchema, merge(fromFile, givenFlags(raw, command)), 'run');
      setExit((await executeRun(options, io)).code);
    });
}

/** `mcp-notify-check demo`: the whole suite against the bundled reference client. */
export function demoCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  // demo's target is the reference client: it takes the options every mode has.
  const demo = new Command('demo').description('run the suite against the bundled reference client');
  return addRunOptions(demo, (spec) => spec.modes === undefined).action(
    async (raw: Record<string, unknown>, command: Command) => {
      const fromFile = await loadConfig(raw.config as string | undefined, io.cwd);
      const merged = merge(fromFile, { ...givenFlags(raw, command), client: referenceClientCommand() });
      const options = parseOptions(RunOptionsSchema, merged, 'demo');
      setExit((await executeRun(options, io, 'demo')).code);
    },
  );
}
