import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, HarnessError } from '../errors.js';
import type { Journal } from '../trace/journal.js';
import { type ProcessHandle, spawnTarget } from './process.js';
import { placeholderValues, renderTemplate, type TargetEndpoint } from './command.js';
import { type Downstream, Probe } from './probe.js';

/** A hook (`--setup`, `--teardown`) that takes longer than this is broken. */
export const HOOK_TIMEOUT_MS = 30_000;

export interface GatewayOptions {
  /** The gateway command; placeholders {server} {url} {transport} {port} {config}. */
  command: string;
  /** `stdio` (the gateway's own stdin/stdout) or a URL, which may use {port}. */
  downstream: string;
  /** Downstream protocol for a URL: http (Streamable HTTP) or sse; default: sse when the path ends in /sse. */
  downstreamTransport?: 'http' | 'sse';
  /** A file rendered with the placeholders into {config}. */
  configTemplate?: string;
  setup?: string;
  teardown?: string;
  /** How long the gateway may take to accept a downstream MCP session. */
  startupTimeoutMs: number;
  /** Probe (and read the catalogue) this often between notifications; 0 turns it off. */
  probeIntervalMs?: number;
  /** The gateway's REST catalogue, read as a second view (may use {port}). */
  catalogUrl?: string;
  /** After connecting, call an upstream tool through the gateway so a lazy gateway opens its upstream session (default on). */
  probeCall?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** A free loopback port for the gateway's downstream side. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runHook(name: string, command: string, env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: HOOK_TIMEOUT_MS, env }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      reject(new HarnessError('GATEWAY_HOOK', `the ${name} hook failed: ${errorMessage(error)}`, stderr.trim().split('\n').slice(-5).join('\n') || undefined));
    });
  });
}

/** The gateway process and its probe, before any cell logic. */
export interface Launched {
  handle: ProcessHandle;
  probe: Probe;
  catalogUrl?: string;
  /** Runs the setup hook once (later calls share the first). */
  setup(): Promise<void>;
  /** Disconnects the probe and runs the teardown hook, if any. */
  teardown(): Promise<void>;
}

/** Starts the gateway between the mock (upstream, `endpoint`) and the probe (downstream). */
export async function launchGateway(options: {
  gateway: GatewayOptions;
  endpoint: TargetEndpoint;
  journal: Journal;
  token: string;
}): Promise<Launched> {
  const { gateway, endpoint, journal } = options;
  const port = String(await freePort());
  const values = placeholderValues(endpoint, { port });
  if (gateway.configTemplate) {
    let template: string;
    try {
      template = await readFile(gateway.configTemplate, 'utf8');
    } catch (error) {
      throw new HarnessError('BAD_OPTION', `--gateway-config: cannot read ${gateway.configTemplate}: ${errorMessage(error)}`);
    }
    const configPath = join(tmpdir(), `mcp-notify-check-gateway-${port}.conf`);
    await writeFile(configPath, renderTemplate(template, values, { shell: false }));
    values.config = configPath;
  }
  const stdio = gateway.downstream === 'stdio';
  const downstreamUrl = stdio ? '' : renderTemplate(gateway.downstream, values, { shell: false });
  const handle = spawnTarget({
    command: renderTemplate(gateway.command, values, { shell: true }),
    rendered: true,
    endpoint,
    journal,
    mcpOverStdio: stdio,
    ...(gateway.env ? { env: gateway.env } : {}),
    ...(gateway.cwd ? { cwd: gateway.cwd } : {}),
  });
  const kind = gateway.downstreamTransport ?? (/\/sse\/?$/.test(new URL(downstreamUrl || 'http://x/').pathname) ? 'sse' : 'http');
  const downstream: Downstream = stdio ? { kind: 'stdio', child: handle.child } : { kind, url: downstreamUrl };
  const hookEnv = { ...(gateway.env ?? process.env), MCP_NOTIFY_CHECK_PORT: port, MCP_NOTIFY_CHECK_URL: endpoint.url ?? '' };
  const probe = new Probe(journal, options.token, downstream);
  let setUp: Promise<void> | undefined;
  return {
    handle,
    probe,
    ...(gateway.catalogUrl ? { catalogUrl: renderTemplate(gateway.catalogUrl, values, { shell: false }) } : {}),
    setup: () => {
      setUp ??= gateway.setup ? runHook('setup', renderTemplate(gateway.setup, values, { shell: true }), hookEnv) : Promise.resolve();
      return setUp;
    },
    teardown: async () => {
      await probe.disconnect('cell ended');
      if (gateway.teardown) await runHook('teardown', renderTemplate(gateway.teardown, values, { shell: true }), hookEnv).catch(() => undefined);
    },
  };
}
