import { type RunOptions, RunOptionsSchema } from '../config/run-options.js';
import type { CellReport } from '../report/model.js';
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

/**
 * Options that never change what one cell does: how reports, plans and runs are shaped, and the cell itself (named
 * apart). Every other option, a new one included, is given as it was set, unless it holds its default.
 */
const NOT_REPLAYED = new Set([
  'transport', 'era', 'scenario', 'scenarioFile', 'reporter', 'out', 'repeat', 'quiet', 'jobs', 'baseline', 'writeBaseline', 'shard',
]);
/** `demo` starts the bundled client itself. */
const DEMO_OWN = new Set(['client', 'gateway', 'server', 'serverUrl']);
const DEFAULTS: Record<string, unknown> = RunOptionsSchema.parse({});

const kebab = (key: string) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** One option as the flags that set it: a switch, `--no-` for a default-on switch, a list repeated, a map as k=v,…. */
function flagsOf(key: string, value: unknown): Flag[] {
  if (typeof value === 'boolean') return [value ? [kebab(key)] : [kebab(key).replace(/^--/, '--no-')]];
  if (key === 'header') return (value as string[]).map(headerFlag);
  if (Array.isArray(value)) return value.map((each) => [kebab(key), String(each)]);
  if (typeof value === 'object' && value !== null) return [[kebab(key), Object.entries(value).map(([k, v]) => `${k}=${String(v)}`).join(',')]];
  return [[kebab(key), String(value)]];
}

/** The options the run was given (config file or flags) that shape what a cell does, in the schema's order. */
function replayedFlags(command: ReproduceCommand, options: RunOptions): Flag[] {
  return Object.entries(options).flatMap(([key, value]) => {
    if (NOT_REPLAYED.has(key) || (command === 'demo' && DEMO_OWN.has(key))) return [];
    if (JSON.stringify(value) === JSON.stringify(DEFAULTS[key])) return [];
    return flagsOf(key, value);
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
