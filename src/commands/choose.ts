import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flagName, isGiven, type Mode, optionEntries, type RunOptions } from '../config/run-options.js';
import { errorMessage, HarnessError } from '../errors.js';
import { erasOf, transportOf } from '../model/transports.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { TransportKind } from '../model/words.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { selectScenarios } from '../scenarios/scenario-registry.js';
import { clientTarget } from '../targets/client/client-target.js';
import { shellQuote } from '../targets/command.js';
import { gatewayTarget } from '../targets/gateway/gateway-target.js';
import { serverTarget } from '../targets/server/server-target.js';
import type { Target } from '../targets/target.js';
import { downstreamKind } from '../targets/gateway/gateway-plan.js';
import { type ConfigTemplates, parseConfigTemplates } from '../targets/gateway/templates.js';
import { type CliIo } from './io.js';
import { splitList } from './options.js';

/**
 * Refuses the options of other modes than the run's (they would be ignored), from each option's own record: the first
 * group of them, as `--header, --setup are for gateway mode`.
 */
function refuseOtherModes(options: RunOptions, mode: Mode): void {
  const refused = new Map<string, string[]>();
  for (const [key, spec] of optionEntries()) {
    if (!spec.modes || spec.selects || spec.modes.includes(mode) || !isGiven(key, options[key])) continue;
    const modes = spec.modes.join(' and ');
    refused.set(modes, [...(refused.get(modes) ?? []), flagName(spec)]);
  }
  const [modes, flags = []] = [...refused][0] ?? [];
  if (modes === undefined) return;
  const selectors = modes.split(' and ').map((each) => `--${each}`).join(' or ');
  throw new HarnessError('BAD_OPTION', `${flags.join(', ')} ${flags.length > 1 ? 'are' : 'is'} for ${modes} mode`, `use ${flags.length > 1 ? 'them' : 'it'} with ${selectors}`);
}

/** `--change-args` as a JSON object, or a usage error naming what is wrong with it. */
function changeArgs(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HarnessError('BAD_OPTION', `--change-args: not JSON: ${errorMessage(error)}`, 'e.g. --change-args \'{"name": "extra"}\'');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HarnessError('BAD_OPTION', '--change-args must be a JSON object (the tool\'s arguments)', 'e.g. --change-args \'{"name": "extra"}\'');
  }
  return value as Record<string, unknown>;
}

/** A server under test: started by the harness (--server), or already running (--server-url alone). */
function chooseServer(options: RunOptions, spawn: { env: CliIo['env']; cwd: string }): Target {
  if (!options.server && options.serverUrl && /\{port\}/.test(options.serverUrl)) {
    throw new HarnessError('BAD_OPTION', '--server-url uses {port}, which only a server the harness starts (--server) can be given');
  }
  return serverTarget({
    ...spawn,
    startupTimeoutMs: options.startupTimeout,
    ...(options.server ? { command: options.server } : {}),
    ...(options.serverUrl ? { url: options.serverUrl } : {}),
    ...(options.changeTool ? { changeTool: options.changeTool } : {}),
    ...(options.changeCmd ? { changeCmd: options.changeCmd } : {}),
    ...(options.changeArgs ? { changeArgs: changeArgs(options.changeArgs) } : {}),
  });
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

/** Exactly one of --client, --gateway and --server (or --server-url); a gateway needs --downstream. */
export function chooseTarget(options: RunOptions, io: CliIo, transports: readonly TransportKind[]): Target {
  const spawn = { env: io.env, cwd: io.cwd };
  const modes = [options.client && '--client', options.gateway && '--gateway', (options.server ?? options.serverUrl) && '--server'].filter(Boolean);
  if (modes.length > 1) throw new HarnessError('BAD_OPTION', `${modes.join(' and ')} cannot be used together`, 'test a client, a gateway or a server per run');
  refuseOtherModes(options, options.server ?? options.serverUrl ? 'server' : options.gateway ? 'gateway' : 'client');
  if (options.server ?? options.serverUrl) return chooseServer(options, spawn);
  if (options.gateway) {
    if (!options.downstream) throw new HarnessError('BAD_OPTION', '--gateway needs --downstream <stdio|URL>', 'e.g. --downstream http://127.0.0.1:{port}/mcp');
    if (options.downstream !== 'stdio' && !/^https?:\/\//.test(options.downstream)) {
      throw new HarnessError('BAD_OPTION', `--downstream: "${options.downstream}" is neither stdio nor an http(s) URL`);
    }
    const configTemplate = configTemplates(options, transports);
    const kind = options.downstream === 'stdio' ? 'stdio' : downstreamKind(options.downstream, options.downstreamTransport);
    if (options.downstreamEra && !erasOf(kind).includes(options.downstreamEra)) {
      throw new HarnessError(
        'BAD_OPTION',
        `--downstream-era ${options.downstreamEra}: an ${kind} downstream carries only the ${erasOf(kind).join(' and ')} era`,
        'point --downstream at an endpoint of a transport that carries it (Streamable HTTP or stdio)',
      );
    }
    return gatewayTarget({
      ...spawn,
      command: options.gateway,
      downstream: options.downstream,
      startupTimeoutMs: options.startupTimeout,
      probeIntervalMs: options.probeInterval,
      probeCall: options.probeCall,
      headers: options.header,
      ...(options.alsoDownstream.length ? { alsoDownstream: options.alsoDownstream } : {}),
      ...(options.catalogUrl ? { catalogUrl: options.catalogUrl } : {}),
      ...(options.downstreamTransport ? { downstreamTransport: options.downstreamTransport } : {}),
      ...(options.downstreamEra ? { downstreamEra: options.downstreamEra } : {}),
      ...(configTemplate ? { configTemplate } : {}),
      ...(options.setup ? { setup: options.setup } : {}),
      ...(options.teardown ? { teardown: options.teardown } : {}),
    });
  }
  if (!options.client) {
    throw new HarnessError('BAD_OPTION', '--client: required: the client command to test', 'or --gateway or --server to test a gateway or a server, or `mcp-notify-check demo`');
  }
  return clientTarget({ ...spawn, command: options.client });
}

/**
 * A command that names only `{url}` has nothing to connect to on stdio (and one that names only `{server}` on sse/http):
 * the placeholder would render empty and the target would fail for the harness's reason, not its own.
 */
export function checkPlaceholders(command: string, transports: readonly TransportKind[]): void {
  const url = command.includes('{url}');
  const server = command.includes('{server}') || command.includes('{server-quoted}');
  const stdio = transports.some((transport) => transportOf(transport).addressedBy === 'command');
  const http = transports.some((transport) => transportOf(transport).addressedBy === 'url');
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

export async function chooseScenarios(options: RunOptions, mode: Scenario['mode']): Promise<Scenario[]> {
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
