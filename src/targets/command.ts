import type { TransportKind } from '../trace/events.js';

/** Where the target finds the mock for one cell. */
export interface TargetEndpoint {
  transport: TransportKind;
  scenario: string;
  /** sse/http: the MCP endpoint URL. */
  url?: string;
  /** stdio: the argv that starts the mock (the target spawns it). */
  serverCommand?: string[];
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
  const values: Record<string, string> = {
    url: endpoint.url ?? '',
    server: (endpoint.serverCommand ?? []).map(shellQuote).join(' '),
    transport: endpoint.transport,
  };
  const used = /\{(url|server|transport)\}/.test(template);
  const rendered = template.replace(/\{(url|server|transport)\}/g, (_, name: string) => {
    const value = values[name] ?? '';
    return name === 'server' ? value : shellQuote(value);
  });
  if (!used && endpoint.url) return `${rendered} ${shellQuote(endpoint.url)}`;
  return rendered;
}

/** The environment a target gets on top of the harness's own. */
export function targetEnv(endpoint: TargetEndpoint): Record<string, string> {
  return {
    MCP_NOTIFY_CHECK_TRANSPORT: endpoint.transport,
    MCP_NOTIFY_CHECK_SCENARIO: endpoint.scenario,
    ...(endpoint.url ? { MCP_NOTIFY_CHECK_URL: endpoint.url } : {}),
    ...(endpoint.serverCommand ? { MCP_NOTIFY_CHECK_SERVER_COMMAND: JSON.stringify(endpoint.serverCommand) } : {}),
  };
}
