import type { Writable } from 'node:stream';
import { referenceClientCommand } from '../commands/choose.js';
import { executeRun } from '../commands/execute.js';
import type { CliIo, ExitCode } from '../commands/io.js';
import { parseOptions } from '../commands/options.js';
import type { ReproduceCommand } from '../commands/reproduce.js';
import { checkConfig } from '../config/config-file.js';
import { RunOptionsSchema } from '../config/run-options.js';
import type { RunReport } from '../judging/run-report.js';
import type { OptionsOf } from './input.js';
import { discard, interruption, nothing } from './quiet-io.js';

/** The options of a run: the config file's keys (the long flags in camelCase), checked by the same schema. */
export type RunInput = OptionsOf<typeof RunOptionsSchema>;

/** Where a run may write, and what stops it. Without streams it writes nowhere. */
export interface RunSettings {
  /** What the CLI prints on stdout: a `json` reporter without a path. */
  stdout?: Writable;
  /** What the CLI prints on stderr: progress and the summary (with `quiet: false`), a `pretty` reporter without a path. */
  stderr?: Writable;
  /** Aborting stops the run as Ctrl-C stops the CLI: targets ended, the finished cells reported, exit code 130. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** The report model: what `--reporter json` prints. */
  report: RunReport;
  /** The CLI's exit code: 0 no check failed, 1 a check failed (or a cell showed nothing), 2 a harness problem, 130 aborted. */
  exitCode: ExitCode;
}

/**
 * Runs the suite as `mcp-notify-check run` does and returns its report; it never exits the process. `quiet` is on unless
 * the options say otherwise; reporters with a path write their files, traces go under `out`. Options that a config file
 * could not hold reject with a HarnessError (BAD_CONFIG), as do those the CLI refuses (BAD_OPTION, …).
 */
export function run(options: RunInput, settings: RunSettings = {}): Promise<RunResult> {
  return execute(options, settings, 'run');
}

/** `run` against the bundled reference client, as `mcp-notify-check demo`: a known-good client to compare with. */
export async function demo(options: Omit<RunInput, 'client'> = {}, settings: RunSettings = {}): Promise<RunResult> {
  return execute({ ...options, client: referenceClientCommand() }, settings, 'demo');
}

/** Both: `command` is the one a failed cell's reproduce line names. */
async function execute(options: RunInput, settings: RunSettings, command: ReproduceCommand): Promise<RunResult> {
  const checked = checkConfig(options, 'run()');
  const parsed = parseOptions(RunOptionsSchema, { ...checked, quiet: checked.quiet ?? true }, 'run');
  const { interrupted, detach } = interruption(settings.signal);
  const io: CliIo = {
    stdin: nothing(),
    stdout: settings.stdout ?? discard(),
    stderr: settings.stderr ?? discard(),
    env: process.env,
    cwd: process.cwd(),
    interrupted,
    // An abort signal fires once: there is no second request that would force the run down.
    forced: new Promise<string>(() => undefined),
  };
  try {
    const { report, code } = await executeRun(parsed, io, command);
    return { report, exitCode: code };
  } finally {
    detach();
  }
}
