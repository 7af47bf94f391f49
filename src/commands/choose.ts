import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientGroup, GatewayGroup, OptionGroups, RunGroup, ServerGroup } from '../config/option-groups.js';
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
function chooseServer(options: ServerGroup, spawn: Spawn): Target {
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
function configTemplates(options: GatewayGroup, transports: readonly TransportKind[]): ConfigTemplates | undefined {
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

/** Where a target's processes start: the run's environment and folder. */
type Spawn = { env: CliIo['env']; cwd: string };

/** The target of the run's mode, from that mode's options (groupOptions chose the mode and refused the others'). */
export function chooseTarget(groups: OptionGroups, io: CliIo, transports: readonly TransportKind[]): Target {
  const spawn = { env: io.env, cwd: io.cwd };
  if (groups.mode === 'server') return chooseServer(groups.server, spawn);
  if (groups.mode === 'gateway') return chooseGateway(groups.gateway, spawn, transports);
  return chooseClient(groups.client, spawn);
}

function chooseClient(options: ClientGroup, spawn: Spawn): Target {
  if (!options.client) {
    throw new HarnessError('BAD_OPTION', '--client: required: the client command to test', 'or --gateway or --server to test a gateway or a server, or `mcp-notify-check demo`');
  }
  return clientTarget({ ...spawn, command: options.client });
}

/** A gateway under test; it needs --downstream. */
function chooseGateway(options: GatewayGroup, spawn: Spawn, transports: readonly TransportKind[]): Target {
  const { gateway, downstream } = options;
  if (!gateway) throw new HarnessError('BAD_OPTION', '--gateway: required: the gateway command to test');
  if (!downstream) throw new HarnessError('BAD_OPTION', '--gateway needs --downstream <stdio|URL>', 'e.g. --downstream http://127.0.0.1:{port}/mcp');
  if (downstream !== 'stdio' && !/^https?:\/\//.test(downstream)) {
    throw new HarnessError('BAD_OPTION', `--downstream: "${downstream}" is neither stdio nor an http(s) URL`);
  }
  const configTemplate = configTemplates(options, transports);
  const kind = downstream === 'stdio' ? 'stdio' : downstreamKind(downstream, options.downstreamTransport);
  if (options.downstreamEra && !erasOf(kind).includes(options.downstreamEra)) {
    throw new HarnessError(
      'BAD_OPTION',
      `--downstream-era ${options.downstreamEra}: an ${kind} downstream carries only the ${erasOf(kind).join(' and ')} era`,
      'point --downstream at an endpoint of a transport that carries it (Streamable HTTP or stdio)',
    );
  }
  return gatewayTarget({
    ...spawn,
    command: gateway,
    downstream,
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

/** The scenarios named (every built-in of the mode when none is) and those from files; each must be of the run's mode. */
export async function chooseScenarios(options: Pick<RunGroup, 'scenario' | 'scenarioFile'>, mode: Scenario['mode']): Promise<Scenario[]> {
  const ids = splitList(options.scenario);
  const fromFiles = await Promise.all(options.scenarioFile.map((file) => loadScenarioFile(file)));
  const chosen = fromFiles.length && ids.length === 0 ? fromFiles : [...selectScenarios(ids, mode), ...fromFiles];
  const wrong = chosen.filter((scenario) => scenario.mode !== mode);
  const [first] = wrong;
  if (first) {
    // Named by the mode of the first that is not the run's: a gateway scenario in a server run is for gateways.
    const theirs = wrong.filter((scenario) => scenario.mode === first.mode);
    throw new HarnessError(
      'BAD_OPTION',
      `${theirs.map((scenario) => scenario.id).join(', ')} ${theirs.length > 1 ? 'are' : 'is'} for ${first.mode}s`,
      `run ${first.mode} scenarios with --${first.mode}`,
    );
  }
  return chosen;
}
