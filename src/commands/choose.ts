import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RunOptions } from '../config/run-options.js';
import { errorMessage, HarnessError } from '../errors.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { TransportKind } from '../model/words.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { selectScenarios } from '../scenarios/registry.js';
import { clientTarget } from '../targets/client/client-target.js';
import { shellQuote } from '../targets/command.js';
import { gatewayTarget } from '../targets/gateway/gateway-target.js';
import { serverTarget } from '../targets/server/server-target.js';
import type { Target } from '../targets/target.js';
import { type ConfigTemplates, parseConfigTemplates } from '../targets/gateway/templates.js';
import { type CliIo } from './io.js';
import { splitList } from './options.js';

/** The flags among these that were given. */
const givenOf = (flags: [string, boolean][]): string[] => flags.filter(([, isGiven]) => isGiven).map(([flag]) => flag);

/** Refuses flags of a mode the run is not in: they would be ignored. */
function refuseFlags(flags: string[], mode: 'gateway' | 'server'): void {
  if (flags.length === 0) return;
  throw new HarnessError('BAD_OPTION', `${flags.join(', ')} ${flags.length > 1 ? 'are' : 'is'} for ${mode} mode`, `use them with --${mode}`);
}

/** The gateway-only options given. */
function gatewayOnly(options: RunOptions): string[] {
  return givenOf([
    ['--downstream', options.downstream !== undefined],
    ['--downstream-era', options.downstreamEra !== undefined],
    ['--gateway-config', options.gatewayConfig !== undefined],
    ['--setup', options.setup !== undefined],
    ['--teardown', options.teardown !== undefined],
    ['--catalog-url', options.catalogUrl !== undefined],
    ['--header', options.header.length > 0],
    ['--also-downstream', options.alsoDownstream.length > 0],
    ['--no-probe-call', !options.probeCall],
  ]);
}

/** The server-only options given. */
function serverOnly(options: RunOptions): string[] {
  return givenOf([
    ['--change-tool', options.changeTool !== undefined],
    ['--change-args', options.changeArgs !== undefined],
    ['--change-cmd', options.changeCmd !== undefined],
  ]);
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
  if (!options.server && !options.serverUrl) refuseFlags(serverOnly(options), 'server');
  if (options.server ?? options.serverUrl) return chooseServer(options, spawn);
  if (!options.gateway) refuseFlags(gatewayOnly(options), 'gateway');
  if (options.gateway) {
    if (!options.downstream) throw new HarnessError('BAD_OPTION', '--gateway needs --downstream <stdio|URL>', 'e.g. --downstream http://127.0.0.1:{port}/mcp');
    if (options.downstream !== 'stdio' && !/^https?:\/\//.test(options.downstream)) {
      throw new HarnessError('BAD_OPTION', `--downstream: "${options.downstream}" is neither stdio nor an http(s) URL`);
    }
    const configTemplate = configTemplates(options, transports);
    if (options.downstreamEra === 'modern' && (options.downstreamTransport === 'sse' || /\/sse\/?$/.test(options.downstream))) {
      throw new HarnessError('BAD_OPTION', '--downstream-era modern: legacy HTTP+SSE has no 2026-07-28 form', 'point --downstream at the gateway\'s Streamable HTTP endpoint or stdio');
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
