import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type Era, type TransportKind } from '../model/words.js';

/** Where the target finds the mock for one cell. */
export interface TargetEndpoint {
  transport: TransportKind;
  /**
   * The cell's protocol era, the one the target is told to speak (the mock serves it unless the scenario says
   * otherwise); `auto` on the first contact that finds which eras a client speaks (`--era auto`): speak your default.
   * (`auto` is never an era's name: `registerEra` refuses it.)
   */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- an era's name, or the word auto
  era: Era | 'auto';
  scenario: string;
  /** sse/http: the MCP endpoint URL. */
  url?: string;
  /** stdio: the argv that starts the mock (the target spawns it). */
  serverCommand?: string[];
  /** In-memory: opens a session on the mock and returns the client's end (the runner's own tests). */
  connect?: () => Transport;
}

/** Quotes one argument for `sh -c`. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Renders the target command: `{url}`, `{server}` and `{transport}` are replaced (shell-quoted); with no placeholder
 * and an HTTP transport the URL is appended as the last argument (the official conformance suite's convention).
 */
export function renderCommand(template: string, endpoint: TargetEndpoint): string {
  const values = placeholderValues(endpoint);
  const rendered = renderTemplate(template, values, { shell: true });
  const used = /\{(url|server|transport)\}/.test(template);
  if (!used && endpoint.url) return `${rendered} ${shellQuote(endpoint.url)}`;
  return rendered;
}

/** The placeholder values of an endpoint (`{server}` is already a shell-quoted command line). */
export function placeholderValues(endpoint: TargetEndpoint, extra: Record<string, string> = {}): Record<string, string> {
  const server = (endpoint.serverCommand ?? []).map(shellQuote).join(' ');
  return {
    'url': endpoint.url ?? '',
    server,
    // The same command line as one shell word, for tools that take the server as a single argument (--stdio "…").
    'server-quoted': server,
    // For config-file templates: the argv as a JSON array, or split as most gateway configs want it
    // ({"command": {server-command-json}, "args": {server-args-json}}).
    'server-json': JSON.stringify(endpoint.serverCommand ?? []),
    'server-command-json': JSON.stringify(endpoint.serverCommand?.[0] ?? ''),
    'server-args-json': JSON.stringify(endpoint.serverCommand?.slice(1) ?? []),
    'transport': endpoint.transport,
    'era': endpoint.era,
    ...extra,
  };
}

/** A `{name}` placeholder; `${NAME}` is never one (it is the shell's, or in a `--header` the environment's). */
export const PLACEHOLDER = /(?<!\$)\{([A-Za-z_][\w-]*)\}/g;

/**
 * Replaces `{name}` for every known value (built-ins and setup outputs; `${NAME}` is left to the shell). In shell mode
 * values are quoted (except `{server}`, a command line); in file mode (config templates, URLs) they go in as they are.
 */
export function renderTemplate(template: string, values: Record<string, string>, options: { shell: boolean }): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return options.shell && name !== 'server' ? shellQuote(value) : value;
  });
}

/** The environment a target gets on top of the harness's own. */
export function targetEnv(endpoint: TargetEndpoint): Record<string, string> {
  return {
    MCP_NOTIFY_CHECK_TRANSPORT: endpoint.transport,
    MCP_NOTIFY_CHECK_ERA: endpoint.era,
    MCP_NOTIFY_CHECK_SCENARIO: endpoint.scenario,
    ...(endpoint.url ? { MCP_NOTIFY_CHECK_URL: endpoint.url } : {}),
    ...(endpoint.serverCommand ? { MCP_NOTIFY_CHECK_SERVER_COMMAND: JSON.stringify(endpoint.serverCommand) } : {}),
  };
}
