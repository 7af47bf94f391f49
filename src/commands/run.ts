import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { DEFAULT_CELL_TIMEOUT_MS, merge, readConfig, type RunOptions, RunOptionsSchema } from '../config/run-options.js';
import { HarnessError } from '../errors.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { TransportKind } from '../model/words.js';
import { type CellReport, exitCodeOf, partialReport, type RunReport } from '../report/model.js';
import { VERSION } from '../version.js';
import { deliver, parseReporters } from '../reporters/deliver.js';
import type { ReporterContext } from '../reporters/index.js';
import { formatCell } from '../reporters/pretty.js';
import { runPlan } from '../runner/plan.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { selectScenarios } from '../scenarios/registry.js';
import { clientTarget } from '../targets/client-target.js';
import { shellQuote } from '../targets/command.js';
import { DEFAULT_GATEWAY_STARTUP_MS, DEFAULT_PROBE_INTERVAL_MS, gatewayTarget } from '../targets/gateway-target.js';
import type { Target } from '../targets/target.js';
import { type ConfigTemplates, parseConfigTemplates } from '../targets/templates.js';
import { type CliIo, type ExitCode, signalExitCode } from './io.js';
import { collect, parseOptions, parseTransports, splitList, useColor } from './options.js';

/** The gateway-only options given in a run without --gateway (they would be ignored, so they are refused). */
function gatewayOnly(options: RunOptions): string[] {
  const given: [string, boolean][] = [
    ['--downstream', options.downstream !== undefined],
    ['--gateway-config', options.gatewayConfig !== undefined],
    ['--setup', options.setup !== undefined],
    ['--teardown', options.teardown !== undefined],
    ['--catalog-url', options.catalogUrl !== undefined],
    ['--header', options.header.length > 0],
    ['--no-probe-call', !options.probeCall],
  ];
  return given.filter(([, isGiven]) => isGiven).map(([flag]) => flag);
}

/** `--gateway-config` as the gateway target takes it: one template, or one per upstream transport. */
function configTemplates(options: RunOptions, transports: readonly TransportKind[]): ConfigTemplates | undefined {
  const value = options.gatewayConfig;
  const templates = typeof value === 'string' ? parseConfigTemplates(value) : value;
  if (templates && typeof templates !== 'string' && !transports.some((transport) => templates[transport])) {
    throw new HarnessError(
      'BAD_OPTION',
      `--gateway-config has templates for ${Object.keys(templates).join(', ')} only, and --transport asks for ${transports.join(', ')}`,
      'add a template for one of those transports, or choose --transport accordingly',
    );
  }
  return templates;
}

/** Exactly one of --client and --gateway; a gateway needs --downstream. */
function chooseTarget(options: RunOptions, io: CliIo, transports: readonly TransportKind[]): Target {
  const spawn = { env: io.env, cwd: io.cwd };
  if (options.client && options.gateway) throw new HarnessError('BAD_OPTION', '--client and --gateway cannot be used together', 'test a client or a gateway per run');
  if (!options.gateway && gatewayOnly(options).length) {
    throw new HarnessError('BAD_OPTION', `${gatewayOnly(options).join(', ')} ${gatewayOnly(options).length > 1 ? 'are' : 'is'} for gateway mode`, 'use them with --gateway');
  }
  if (options.gateway) {
    if (!options.downstream) throw new HarnessError('BAD_OPTION', '--gateway needs --downstream <stdio|URL>', 'e.g. --downstream http://127.0.0.1:{port}/mcp');
    if (options.downstream !== 'stdio' && !/^https?:\/\//.test(options.downstream)) {
      throw new HarnessError('BAD_OPTION', `--downstream: "${options.downstream}" is neither stdio nor an http(s) URL`);
    }
    const configTemplate = configTemplates(options, transports);
    return gatewayTarget({
      ...spawn,
      command: options.gateway,
      downstream: options.downstream,
      startupTimeoutMs: options.startupTimeout,
      probeIntervalMs: options.probeInterval,
      probeCall: options.probeCall,
      headers: options.header,
      ...(options.catalogUrl ? { catalogUrl: options.catalogUrl } : {}),
      ...(options.downstreamTransport ? { downstreamTransport: options.downstreamTransport } : {}),
      ...(configTemplate ? { configTemplate } : {}),
      ...(options.setup ? { setup: options.setup } : {}),
      ...(options.teardown ? { teardown: options.teardown } : {}),
    });
  }
  if (!options.client) throw new HarnessError('BAD_OPTION', '--client: required: the client command to test', 'or --gateway to test a gateway, or `mcp-notify-check demo`');
  return clientTarget({ ...spawn, command: options.client });
}

/**
 * A command that names only `{url}` has nothing to connect to on stdio (and one that names only `{server}` on sse/http):
 * the placeholder would render empty and the target would fail for the harness's reason, not its own.
 */
function checkPlaceholders(command: string, transports: readonly TransportKind[]): void {
  const url = command.includes('{url}');
  const server = command.includes('{server}') || command.includes('{server-quoted}');
  const stdio = transports.includes('stdio');
  const http = transports.some((transport) => transport !== 'stdio');
  if (url && !server && stdio) {
    throw new HarnessError('BAD_OPTION', 'the command uses {url}, which has no value in stdio cells', 'use {server} for stdio, or --transport sse,http');
  }
  if (server && !url && http) {
    throw new HarnessError('BAD_OPTION', 'the command uses {server}, which has no value in sse/http cells', 'use {url} for sse/http, or --transport stdio');
  }
}

/** The bundled reference client's command line (what `demo` tests). */
export function referenceClientCommand(): string {
  const main = fileURLToPath(new URL('../../examples/reference-client/main.js', import.meta.url));
  if (!existsSync(main)) throw new HarnessError('NOT_BUILT', 'the reference client is not built', 'run `npm run build` first');
  return `${shellQuote(process.execPath)} ${shellQuote(main)}`;
}

async function chooseScenarios(options: RunOptions, mode: Scenario['mode']): Promise<Scenario[]> {
  const ids = splitList(options.scenario);
  const fromFiles = await Promise.all(options.scenarioFile.map((file) => loadScenarioFile(file)));
  const chosen = fromFiles.length && ids.length === 0 ? fromFiles : [...selectScenarios(ids, mode), ...fromFiles];
  const wrong = chosen.filter((scenario) => scenario.mode !== mode);
  if (wrong.length) {
    throw new HarnessError(
      'BAD_OPTION',
      `${wrong.map((scenario) => scenario.id).join(', ')} ${wrong.length > 1 ? 'are' : 'is'} for ${mode === 'client' ? 'gateways' : 'clients'}`,
      mode === 'client' ? 'run gateway scenarios with --gateway' : 'run client scenarios with --client',
    );
  }
  return chosen;
}

/** Runs the plan, writes every report, and returns the exit code; the reports are written whatever happened. */
export async function executeRun(options: RunOptions, io: CliIo): Promise<{ report: RunReport; code: ExitCode }> {
  const reporters = parseReporters(options.reporter);
  const transports = parseTransports(options.transport);
  const target = chooseTarget(options, io, transports);
  const scenarios = await chooseScenarios(options, target.mode);
  checkPlaceholders(options.client ?? options.gateway ?? '', transports);
  const ctx: ReporterContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    outDir: options.out,
    color: useColor(io),
  };
  const stop = new AbortController();
  let interruptedBy: string | undefined;
  void io.interrupted.then((signal) => {
    interruptedBy = signal;
    stop.abort();
  });
  const finished: CellReport[] = [];
  const planned = runPlan({
    scenarios,
    transports,
    target,
    outDir: options.out,
    repeat: options.repeat,
    strict: options.strict,
    failOn: options.failOn,
    cellTimeoutMs: options.timeout,
    signal: stop.signal,
    ...(options.debounce === undefined ? {} : { debounceMs: options.debounce }),
    onCell: (cell) => {
      finished.push(cell);
      if (!options.quiet) io.stderr.write(`${formatCell(cell, ctx)}\n`);
    },
  });
  // A second Ctrl-C does not wait for the cell to wind down: the targets are already killed; report what finished.
  const forced = await Promise.race([planned.then(() => undefined), io.forced]);
  const plan = { target: target.label, transports, scenarios: scenarios.map((scenario) => scenario.id) };
  const report = forced === undefined ? await planned : partialReport(finished, forced, plan, VERSION);
  await deliver(report, reporters, ctx, options.quiet);
  const signal = forced ?? interruptedBy;
  return { report, code: signal === undefined ? exitCodeOf(report) : signalExitCode(signal) };
}

function addRunOptions(command: Command): Command {
  return command
    .option('--transport <list>', 'comma list of stdio, sse, http (default: all)')
    .option('--scenario <list>', 'comma list of scenario ids (default: all built-ins)')
    .option('--scenario-file <file>', 'run a scenario from a JSON file (repeatable)', collect)
    .option('--debounce <ms>', 'the debounce window the target is meant to have (judged by debounce-window)')
    .option('--reporter <name[:path]>', 'pretty, json, junit, markdown; json without a path goes to stdout (repeatable)', collect)
    .option('--out <dir>', 'output directory for traces and report files (default: reports)')
    .option('--repeat <n>', 'run each cell n times; measurements get p50/p95')
    .option('--timeout <ms>', `cap per cell (default ${DEFAULT_CELL_TIMEOUT_MS})`)
    .option('--strict', 'warnings fail the run too')
    .option('--fail-on <level>', 'which severities fail the run: must, should or all (default all); the rest are warnings')
    .option('--quiet', 'no progress or summary on stderr')
    .option('--config <file>', 'JSON file of these options (camelCase keys); flags override it');
}

/** `mcp-notify-check run --client "<cmd>"`. */
export function runCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(
    new Command('run')
      .description('drive a client through the scenarios and judge it')
      .option('--client <command>', 'the client to test, run through the shell; placeholders {url} {server} {transport}')
      .option('--gateway <command>', 'a gateway to test instead: placeholders {server} {url} {transport} {port} {config}')
      .option('--downstream <stdio|URL>', 'gateway mode: where the probe connects: stdio (the gateway\'s own stdin/stdout) or a URL, e.g. http://127.0.0.1:{port}/mcp')
      .option('--downstream-transport <http|sse>', 'gateway mode: protocol of the downstream URL (default: sse when it ends in /sse)')
      .option('--gateway-config <template>', 'gateway mode: a config file template rendered into {config}; or one per upstream transport: stdio=a.json,http=b.json')
      .option('--setup <command>', 'gateway mode: run once the gateway is up (e.g. register the upstream); it may print "@mcp-notify-check set NAME=value" to set {NAME}')
      .option('--teardown <command>', 'gateway mode: run before the gateway is stopped')
      .option('--header <Name: value>', 'gateway mode: a request header for the probe and --catalog-url, e.g. "Authorization: Bearer ${TOKEN}" (repeatable; never reported)', collect)
      .option('--no-probe-call', 'gateway mode: do not call an upstream tool after connecting (the call wakes lazy gateways)')
      .option('--startup-timeout <ms>', `gateway mode: how long the gateway may take to accept a session (default ${DEFAULT_GATEWAY_STARTUP_MS})`)
      .option('--probe-interval <ms>', `gateway mode: also probe this often between notifications, 0 = off (default ${DEFAULT_PROBE_INTERVAL_MS})`)
      .option('--catalog-url <url>', 'gateway mode: the gateway\'s REST catalogue, read with every probe as a second view (may use {port})'),
  ).action(async (raw: Record<string, unknown>, command: Command) => {
    const { config, ...flags } = raw;
    // Commander defaults a --no- flag to true; only an explicit flag may override the config file.
    if (command.getOptionValueSource('probeCall') === 'default') delete flags.probeCall;
    const options = parseOptions(RunOptionsSchema, merge(await readConfig(config as string | undefined), flags), 'run');
    setExit((await executeRun(options, io)).code);
  });
}

/** `mcp-notify-check demo`: the whole suite against the bundled reference client. */
export function demoCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(new Command('demo').description('run the suite against the bundled reference client')).action(
    async (raw: Record<string, unknown>) => {
      const { config, ...flags } = raw;
      const merged = merge(await readConfig(config as string | undefined), { ...flags, client: referenceClientCommand() });
      const options = parseOptions(RunOptionsSchema, merged, 'demo');
      setExit((await executeRun(options, io)).code);
    },
  );
}
