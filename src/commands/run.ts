import { Command } from 'commander';
import { DEFAULT_CELL_TIMEOUT_MS, merge, RunOptionsSchema } from '../config/run-options.js';
import { loadConfig } from '../config/config-file.js';
import { DEFAULT_GATEWAY_STARTUP_MS, DEFAULT_PROBE_INTERVAL_MS } from '../targets/gateway/gateway-target.js';
import { referenceClientCommand } from './choose.js';
import { executeRun } from './execute.js';
import { type CliIo, type ExitCode } from './io.js';
import { collect, parseOptions } from './options.js';

function addRunOptions(command: Command): Command {
  return command
    .option('--transport <list>', 'comma list of stdio, sse, http (default: all)')
    .option('--era <list>', 'auto, or a comma list of legacy (2025: initialize, sessions) and modern (2026-07-28: server/discover, subscriptions/listen); default: auto (the eras the client speaks) for clients, legacy for gateways and servers')
    .option('--scenario <list>', 'comma list of scenario ids (default: all built-ins)')
    .option('--scenario-file <file>', 'run a scenario from a JSON file (repeatable); each cell\'s scenario as played is beside its trace', collect)
    .option('--debounce <ms>', 'the debounce window the target is meant to have (judged by debounce-window and gw-debounce-window; gateway waits outlast it)')
    .option('--reporter <name[:path]>', 'pretty, json, junit, markdown, html; json without a path goes to stdout (repeatable)', collect)
    .option('--out <dir>', 'output directory for traces and report files (default: reports)')
    .option('--repeat <n>', 'run each cell n times; measurements get p50/p95')
    .option('--timeout <ms>', `cap per cell (default ${DEFAULT_CELL_TIMEOUT_MS})`)
    .option('--strict', 'warnings fail the run too')
    .option('--fail-on <level>', 'which severities fail the run: must, should or all (default all); the rest are warnings')
    .option('--baseline <file>', 'expected failures (JSON or YAML: scenario, scenario:check, scenario:check@transport[.era]); stale entries fail')
    .option('--write-baseline <file>', 'write this run\'s failures as a baseline')
    .option('--shard <i/n>', 'run shard i of n: every n-th cell from the i-th (for a CI matrix)')
    .option('--jobs <n|auto>', 'how many cells run at once, each with its own mock and target (default auto: from the core count)')
    .option('--quiet', 'no progress or summary on stderr')
    .option('--config <file>', 'JSON or YAML file of these options (camelCase keys; default: mcp-notify-check.config.json in the working directory); flags override it');
}

/** `mcp-notify-check run --client "<cmd>"`. */
export function runCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(
    new Command('run')
      .description('drive a client through the scenarios and judge it')
      .option('--client <command>', 'the client to test, run through the shell; placeholders {url} {server} {transport} {era} (legacy or modern)')
      .option('--gateway <command>', 'a gateway to test instead: placeholders {server} {url} {transport} {era} {port} {config}')
      .option('--downstream <stdio|URL>', 'gateway mode: where the probe connects: stdio (the gateway\'s own stdin/stdout) or a URL, e.g. http://127.0.0.1:{port}/mcp')
      .option('--downstream-transport <http|sse>', 'gateway mode: protocol of the downstream URL (default: sse when it ends in /sse)')
      .option('--server <command>', 'a server to test instead: the harness starts it (stdio, or HTTP with {port} and --server-url) and connects as its clients')
      .option('--server-url <URL>', 'server mode: its MCP endpoint, e.g. http://127.0.0.1:{port}/mcp or …/sse; alone: a server already running')
      .option('--change-tool <name>', 'server mode: a tool whose call changes the server\'s tools (called by session A)')
      .option('--change-args <json>', 'server mode: the change tool\'s arguments, a JSON object')
      .option('--change-cmd <command>', 'server mode: a command that changes the server from outside any request; placeholders {port} {pid}')
      .option('--downstream-era <legacy|modern>', 'gateway mode: the protocol era the probe speaks downstream (default legacy); --era sets the upstream mock\'s')
      .option('--gateway-config <template>', 'gateway mode: a config file template rendered into {config}; or one per upstream transport: stdio=a.json,http=b.json')
      .option('--setup <command>', 'gateway mode: run once the gateway is up (e.g. register the upstream); it may print "@mcp-notify-check set NAME=value" to set {NAME}')
      .option('--teardown <command>', 'gateway mode: run before the gateway is stopped')
      .option('--also-downstream <URL>', 'gateway mode: one more user of the gateway, at URL (repeatable), e.g. a second worker at http://127.0.0.1:{port2}/mcp ({port2} to {port9} are free ports, as {port} is); gw-tells-every-user judges whether every user is told', collect)
      .option('--header <Name: value>', 'gateway mode: a request header for the probe and --catalog-url, e.g. "Authorization: Bearer ${TOKEN}" (repeatable; never reported)', collect)
      .option('--no-probe-call', 'gateway mode: do not call an upstream tool after connecting (the call wakes lazy gateways)')
      .option('--startup-timeout <ms>', `gateway mode: how long the gateway may take to accept a session (default ${DEFAULT_GATEWAY_STARTUP_MS})`)
      .option('--probe-interval <ms>', `gateway mode: also probe this often between notifications, 0 = off (default ${DEFAULT_PROBE_INTERVAL_MS})`)
      .option('--catalog-url <url>', 'gateway mode: the gateway\'s REST catalogue, read with every probe as a second view (may use {port})'),
  ).action(async (raw: Record<string, unknown>, command: Command) => {
    const { config, ...flags } = raw;
    // Commander defaults a --no- flag to true; only an explicit flag may override the config file.
    if (command.getOptionValueSource('probeCall') === 'default') delete flags.probeCall;
    const options = parseOptions(RunOptionsSchema, merge(await loadConfig(config as string | undefined, io.cwd), flags), 'run');
    setExit((await executeRun(options, io)).code);
  });
}

/** `mcp-notify-check demo`: the whole suite against the bundled reference client. */
export function demoCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(new Command('demo').description('run the suite against the bundled reference client')).action(
    async (raw: Record<string, unknown>) => {
      const { config, ...flags } = raw;
      const fromFile = await loadConfig(config as string | undefined, io.cwd);
      const merged = merge(fromFile, { ...flags, client: referenceClientCommand() });
      const options = parseOptions(RunOptionsSchema, merged, 'demo');
      setExit((await executeRun(options, io, 'demo')).code);
    },
  );
}
