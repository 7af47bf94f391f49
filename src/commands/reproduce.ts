import { DEFAULT_CELL_TIMEOUT_MS, type RunOptions } from '../config/run-options.js';
import type { CellReport } from '../report/model.js';
import { DEFAULT_GATEWAY_STARTUP_MS, DEFAULT_PROBE_INTERVAL_MS } from '../targets/gateway-target.js';
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

/** The flags that say which target this is and how it is started, as the run was given them (config file or flags). */
function targetFlags(options: RunOptions): Flag[] {
  const flags: Flag[] = [];
  const text = (flag: string, value: string | undefined) => {
    if (value !== undefined) flags.push([flag, value]);
  };
  text('--client', options.client);
  text('--gateway', options.gateway);
  text('--server', options.server);
  text('--server-url', options.serverUrl);
  text('--downstream', options.downstream);
  text('--downstream-transport', options.downstreamTransport);
  text('--downstream-era', options.downstreamEra);
  text('--change-tool', options.changeTool);
  text('--change-args', options.changeArgs);
  text('--change-cmd', options.changeCmd);
  const config = options.gatewayConfig;
  text('--gateway-config', typeof config === 'object' ? Object.entries(config).map(([kind, path]) => `${kind}=${path}`).join(',') : config);
  text('--setup', options.setup);
  text('--teardown', options.teardown);
  text('--catalog-url', options.catalogUrl);
  flags.push(...options.header.map(headerFlag));
  if (!options.probeCall) flags.push(['--no-probe-call']);
  if (options.startupTimeout !== DEFAULT_GATEWAY_STARTUP_MS) text('--startup-timeout', String(options.startupTimeout));
  if (options.probeInterval !== DEFAULT_PROBE_INTERVAL_MS) text('--probe-interval', String(options.probeInterval));
  return flags;
}

/** The flags that shape a verdict besides the cell itself: the debounce judged, the time cap, what fails the run. */
function judgingFlags(options: RunOptions): Flag[] {
  const flags: Flag[] = [];
  if (options.debounce !== undefined) flags.push(['--debounce', String(options.debounce)]);
  if (options.timeout !== DEFAULT_CELL_TIMEOUT_MS) flags.push(['--timeout', String(options.timeout)]);
  if (options.failOn !== 'all') flags.push(['--fail-on', options.failOn]);
  if (options.strict) flags.push(['--strict']);
  return flags;
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
  const shared = [...(command === 'demo' ? [] : targetFlags(options)), ...judgingFlags(options)];
  return (cell) => {
    const scenario: Flag = builtIn.has(cell.scenario) || cell.scenarioFile === undefined ? ['--scenario', cell.scenario] : ['--scenario-file', cell.scenarioFile];
    const flags: Flag[] = [...shared, scenario, ['--transport', cell.transport], ['--era', cell.era]];
    const words = flags.flatMap(([flag, value]) => (value === undefined ? [flag] : [flag, shellQuote(value)]));
    return ['mcp-notify-check', command, ...words].join(' ');
  };
}
