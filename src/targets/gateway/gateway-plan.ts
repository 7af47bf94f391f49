import { HarnessError } from '../../errors.js';
import type { Era } from '../../model/words.js';
import { type HeaderTemplate, parseHeaders, Redactor } from './headers.js';
import { BUILTIN_PLACEHOLDERS, type ConfigTemplates, setupOutputsIn } from './templates.js';

/** How the harness runs a gateway: the command, its downstream side, its hooks, and how the probe observes it. */
export interface GatewayOptions {
  /** The gateway command; placeholders {server} {url} {transport} {port} {config}. */
  command: string;
  /** `stdio` (the gateway's own stdin/stdout) or a URL, which may use {port} and setup outputs. */
  downstream: string;
  /** More users of the gateway, one per URL (a second worker's, or the same URL again), labelled B, C, … in the trace. */
  alsoDownstream?: readonly string[];
  /** Downstream protocol for a URL: http (Streamable HTTP) or sse; default: sse when the path ends in /sse. */
  downstreamTransport?: 'http' | 'sse';
  /** The protocol era the probe speaks downstream (default legacy); the upstream mock plays the cell's era. */
  downstreamEra?: Era;
  /** A file rendered with the placeholders into {config}: one for every transport, or one per upstream transport. */
  configTemplate?: ConfigTemplates;
  /** Runs once the probe connected, or first when the downstream URL or a header needs what it prints. */
  setup?: string;
  teardown?: string;
  /** `Name: value` request headers for the probe (both HTTP transports) and the catalogue; `${VAR}` from the environment. */
  headers?: readonly string[];
  /** How long the gateway may take to accept a downstream MCP session. */
  startupTimeoutMs: number;
  /** Probe (and read the catalogue) this often between notifications; 0 turns it off. */
  probeIntervalMs?: number;
  /** The gateway's REST catalogue, read as a second view (may use {port} and setup outputs). */
  catalogUrl?: string;
  /** After connecting, call an upstream tool through the gateway so a lazy gateway opens its upstream session (default on). */
  probeCall?: boolean;
  env?: Record<string, string | undefined>;
  /** The folder the gateway command and its hooks run in (default: the current one). */
  cwd?: string;
}

/** The protocol of a downstream URL: the one declared, else sse when its path ends in /sse, else Streamable HTTP. */
export function downstreamKind(url: string, declared?: 'http' | 'sse'): 'http' | 'sse' {
  return declared ?? (/\/sse\/?$/.test(URL.canParse(url) ? new URL(url).pathname : url) ? 'sse' : 'http');
}

/** What is decided once per run, before any cell: the parsed headers, the hook order, and what to redact. */
export interface GatewayPlan {
  headers: HeaderTemplate[];
  /** The setup hook runs before the probe connects: the downstream URL or a header uses a setup output. */
  setupFirst: boolean;
  redactor: Redactor;
}

/**
 * Checks the gateway options at plan time (exit 2 before any cell runs): headers parse and their `${VAR}`s are set,
 * and a setup output (`{name}` that is not built in) is used only where a setup hook can provide it.
 */
export function planGateway(options: GatewayOptions): GatewayPlan {
  const redactor = new Redactor();
  const headers = parseHeaders(options.headers ?? [], options.env ?? process.env, redactor);
  const templates: { what: string; text: string }[] = [
    { what: '--downstream', text: options.downstream },
    ...(options.alsoDownstream ?? []).map((text) => ({ what: '--also-downstream', text })),
    ...headers.map((header) => ({ what: `--header ${header.name}`, text: header.value })),
    ...(options.catalogUrl ? [{ what: '--catalog-url', text: options.catalogUrl }] : []),
    ...(options.teardown ? [{ what: '--teardown', text: options.teardown }] : []),
  ];
  const uses = templates.map((template) => ({ ...template, outputs: setupOutputsIn(template.text) }));
  const orphan = uses.find((use) => use.outputs.length > 0);
  if (orphan && !options.setup) {
    throw new HarnessError(
      'BAD_OPTION',
      `${orphan.what} uses ${orphan.outputs.map((name) => `{${name}}`).join(', ')}, which is not a built-in placeholder, and there is no --setup to set it`,
      `built-in: ${BUILTIN_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}; a --setup hook sets {NAME} by printing "@mcp-notify-check set NAME=value"`,
    );
  }
  const setupFirst = uses.some((use) => (use.what.endsWith('downstream') || use.what.startsWith('--header ')) && use.outputs.length > 0);
  return { headers, setupFirst, redactor };
}
