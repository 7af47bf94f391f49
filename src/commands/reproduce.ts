import { flagName, isGiven, optionEntries, type RunOptions } from '../config/run-options.js';
import type { CellReport } from '../judging/run-report.js';
import { shellQuote } from '../targets/command.js';

/** The command a reproduce line names: `demo` plays the bundled reference client, `run` the target it was given. */
export type ReproduceCommand = 'run' | 'demo';

type Flag = [flag: string, value?: string];

/** A header's value is never reported: one that takes `${VAR}` from the environment is kept, a literal one is not. */
function headerFlag(header: string): Flag {
  if (header.includes('${')) return ['--header', header];
  const colon = header.indexOf(':');
  return ['--header', `${colon === -1 ? header : header.slice(0, colon)}: <redacted>`];
}

/** One option as the flags that set it: a switch, `--no-` for a default-on switch, a list repeated, a map as k=v,…. */
function flagsOf(key: string, flag: string, value: unknown): Flag[] {
  if (typeof value === 'boolean') return [[flag]];
  if (key === 'header') return (value as string[]).map(headerFlag);
  if (Array.isArray(value)) return value.map((each) => [flag, String(each)]);
  if (typeof value === 'object' && value !== null) return [[flag, Object.entries(value).map(([k, v]) => `${k}=${String(v)}`).join(',')]];
  return [[flag, String(value)]];
}

/** The options the run was given (config file or flags) that shape what a cell does, in the schema's order. */
function replayedFlags(command: ReproduceCommand, options: RunOptions): Flag[] {
  return optionEntries().flatMap(([key, spec]) => {
    // demo's target is the bundled client: it takes no option of a mode.
    if (spec.outsideCell || (command === 'demo' && spec.modes !== undefined)) return [];
    if (!isGiven(key, options[key])) return [];
    return flagsOf(key, flagName(spec), options[key]);
  });
}

/**
 * The one command line that plays a cell again: the same target and judging options, that scenario (a built-in by its
 * id, any other by the copy played beside the trace), that transport and that era. Reports, jobs, shards, repeats and
 * baselines are left out: they do not change what one cell does.
 */
export function reproducer(
  command: ReproduceCommand,
  options: RunOptions,
  builtIn: ReadonlySet<string>,
): (cell: Pick<CellReport, 'scenario' | 'transport' | 'era' | 'scenarioFile'>) => string {
  const shared = replayedFlags(command, options);
  return (cell) => {
    const scenario: Flag = builtIn.has(cell.scenario) || cell.scenarioFile === undefined ? ['--scenario', cell.scenario] : ['--scenario-file', cell.scenarioFile];
    const flags: Flag[] = [...shared, scenario, ['--transport', cell.transport], ['--era', cell.era]];
    const words = flags.flatMap(([flag, value]) => (value === undefined ? [flag] : [flag, shellQuote(value)]));
    return ['mcp-notify-check', command, ...words].join(' ');
  };
}
