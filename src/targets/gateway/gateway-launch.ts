import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { errorMessage, HarnessError } from '../../errors.js';
import type { Journal } from '../../trace/journal.js';
import { freePort } from '../process/free-port.js';
import { type ProcessHandle, spawnTarget } from '../process/process.js';
import { placeholderValues, renderTemplate, type TargetEndpoint, targetEnv } from '../command.js';
import { downstreamKind, type GatewayOptions, type GatewayPlan } from './gateway-plan.js';
import { renderHeaders } from './headers.js';
import type { Catalog } from './observers.js';
import { Probe } from '../probe/probe.js';
import type { ProbeConnection } from '../probe/probe-transport.js';
import { EXTRA_PORTS, parseSetupOutputs, placeholdersIn, renderStrict, setupOutputsIn, templateFor } from './templates.js';

export type { GatewayOptions } from './gateway-plan.js';

/** A hook (`--setup`, `--teardown`) that takes longer than this is broken. */
export const HOOK_TIMEOUT_MS = 30_000;
/** Lines of a failed hook's stderr quoted in the error. */
const HOOK_TAIL_LINES = 5;

interface HookOptions {
  env: Record<string, string | undefined>;
  /** Where the hook runs: the gateway's own folder (its `cwd`), so a hook beside the gateway's script finds it. */
  cwd?: string | undefined;
  redact: (text: string) => string;
}

/** Runs a hook through the shell; resolves with its stdout. Failures are harness errors, with header values masked. */
function runHook(name: string, command: string, options: HookOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const where = options.cwd ? { cwd: options.cwd } : {};
    execFile('/bin/sh', ['-c', command], { timeout: HOOK_TIMEOUT_MS, env: options.env, ...where }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const tail = stderr.trim().split('\n').slice(-HOOK_TAIL_LINES).join('\n');
      reject(new HarnessError('GATEWAY_HOOK', options.redact(`the ${name} hook failed: ${errorMessage(error)}`), tail ? options.redact(tail) : undefined));
    });
  });
}

/** The gateway process and its probe, before any cell logic. */
export interface Launched {
  handle: ProcessHandle;
  probe: Probe;
  /** The gateway's other users (`--also-downstream`), labelled B, C, … in the trace. */
  users: readonly Probe[];
  /** The setup hook runs before the probe connects (the downstream URL or a header needs its outputs). */
  setupFirst: boolean;
  /** The REST catalogue to read, once its URL is rendered (after the setup hook). */
  catalog(): Catalog | undefined;
  /** Runs the setup hook once (later calls share the first), then renders everything that may use its outputs. */
  setup(): Promise<void>;
  /** Disconnects the probe and runs the teardown hook, if any. */
  teardown(): Promise<void>;
  redact(text: string): string;
}

/** Reads `--gateway-config`'s template for the cell's transport. */
async function readConfig(template: string): Promise<string> {
  try {
    return await readFile(template, 'utf8');
  } catch (error) {
    throw new HarnessError('BAD_OPTION', `--gateway-config: cannot read ${template}: ${errorMessage(error)}`);
  }
}

/** Renders the config template into a temporary file (keeping the template's extension). */
async function renderConfig(template: string, text: string, values: Record<string, string>, port: string): Promise<string> {
  const path = join(tmpdir(), `mcp-notify-check-gateway-${port}${extname(template) || '.conf'}`);
  await writeFile(path, renderTemplate(text, values, { shell: false }));
  return path;
}

/** A free port for each of {port2}…{port9} that any of the texts uses. */
async function extraPorts(texts: readonly (string | undefined)[]): Promise<Record<string, string>> {
  const used = new Set(texts.flatMap((text) => (text === undefined ? [] : placeholdersIn(text))));
  const out: Record<string, string> = {};
  for (const name of EXTRA_PORTS) if (used.has(name)) out[name] = String(await freePort());
  return out;
}

/** The trace's name for the gateway's i-th other user: B, C, … (the probe is the first). */
const userLabel = (i: number) => String.fromCharCode(66 + i);

/** Starts the gateway between the mock (upstream, `endpoint`) and the probe (downstream). */
export async function launchGateway(options: {
  gateway: GatewayOptions;
  plan: GatewayPlan;
  endpoint: TargetEndpoint;
  journal: Journal;
  token: string;
}): Promise<Launched> {
  const { gateway, plan, endpoint, journal } = options;
  const port = String(await freePort());
  const template = templateFor(gateway.configTemplate, endpoint.transport);
  const configText = template === undefined ? undefined : await readConfig(template);
  const also = gateway.alsoDownstream ?? [];
  const headerValues = plan.headers.map((header) => header.value);
  const hookTexts = [gateway.setup, gateway.teardown];
  const templates = [gateway.command, gateway.downstream, ...also, gateway.catalogUrl, ...hookTexts, configText, ...headerValues];
  const values = placeholderValues(endpoint, { port, ...(await extraPorts(templates)) });
  if (template && configText !== undefined) values.config = await renderConfig(template, configText, values, port);
  const stdio = gateway.downstream === 'stdio';
  const handle = spawnTarget({
    command: renderTemplate(gateway.command, values, { shell: true }),
    rendered: true,
    endpoint,
    journal,
    mcpOverStdio: stdio,
    ...(gateway.env ? { env: gateway.env } : {}),
    ...(gateway.cwd ? { cwd: gateway.cwd } : {}),
  });
  const redact = (text: string) => plan.redactor.apply(text);
  const hookEnv = { ...(gateway.env ?? process.env), ...targetEnv(endpoint), MCP_NOTIFY_CHECK_PORT: port, MCP_NOTIFY_CHECK_URL: endpoint.url ?? '' };
  const hooks: HookOptions = { env: hookEnv, redact, cwd: gateway.cwd };
  // Rendered when the probe connects: after the setup hook when they use its outputs (plan.setupFirst).
  const connectionTo = (downstream: string, what: string) => (): ProbeConnection => {
    const headers = renderHeaders(plan.headers, values, plan.redactor);
    if (downstream === 'stdio') return { downstream: { kind: 'stdio', child: handle.child }, headers };
    const url = renderStrict(downstream, values, { shell: false, what });
    if (!URL.canParse(url)) throw new HarnessError('BAD_OPTION', `${what} renders to "${url}", which is not a URL`);
    const kind = downstreamKind(url, gateway.downstreamTransport);
    return { downstream: { kind, url }, headers };
  };
  const era = gateway.downstreamEra ?? 'legacy';
  const probe = new Probe(journal, options.token, connectionTo(gateway.downstream, '--downstream'), redact, { era });
  const users = also.map((url, i) => {
    return new Probe(journal, options.token, connectionTo(url, '--also-downstream'), redact, { era, label: userLabel(i) });
  });
  let catalog: Catalog | undefined;
  let teardownCommand: string | undefined;
  let setUp: Promise<void> | undefined;
  const afterSetup = async () => {
    if (gateway.setup) {
      const stdout = await runHook('setup', renderTemplate(gateway.setup, values, { shell: true }), hooks);
      Object.assign(values, parseSetupOutputs(stdout));
    }
    // Everything that may use a setup output is rendered now, so a missing one stops the run before the scenario.
    if (gateway.catalogUrl) {
      const url = renderStrict(gateway.catalogUrl, values, { shell: false, what: '--catalog-url' });
      catalog = { url, headers: renderHeaders(plan.headers, values, plan.redactor), redact };
    }
    if (gateway.teardown) teardownCommand = renderStrict(gateway.teardown, values, { shell: true, what: '--teardown' });
  };
  return {
    handle,
    probe,
    users,
    setupFirst: plan.setupFirst,
    catalog: () => catalog,
    setup: () => (setUp ??= afterSetup()),
    teardown: async () => {
      await Promise.all([probe, ...users].map((user) => user.disconnect('cell ended')));
      // Without a setup run, a teardown that needs its outputs has nothing to undo.
      const standalone = gateway.teardown && setupOutputsIn(gateway.teardown).length === 0 ? gateway.teardown : undefined;
      const command = teardownCommand ?? (standalone && renderTemplate(standalone, values, { shell: true }));
      if (command) await runHook('teardown', command, hooks).catch(() => undefined);
      if (values.config) await rm(values.config, { force: true });
    },
    redact,
  };
}
