import { transportOfScheme } from '../../model/transports.js';
import type { TransportKind } from '../../model/words.js';

/** How the harness runs (or reaches) a server, and how it makes the server change. */
export interface ServerOptions {
  /** The server command (placeholders {port}); absent: a server already running at `url`. */
  command?: string;
  /** The server's MCP endpoint for sse/http (may use {port}); absent: the server speaks stdio. */
  url?: string;
  /** A tool whose call changes the server's catalogue, called through probe A. */
  changeTool?: string;
  changeArgs?: Record<string, unknown>;
  /** A shell command that changes the server from outside any request (placeholders {port}, {pid}). */
  changeCmd?: string;
  startupTimeoutMs: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * The transport a server speaks: stdio without a URL; the transport whose scheme the URL has, if one claims it; else
 * legacy HTTP+SSE when the URL's path ends in /sse, Streamable HTTP when not.
 */
export function serverTransport(url: string | undefined): TransportKind {
  if (url === undefined) return 'stdio';
  const own = transportOfScheme(url);
  if (own !== undefined) return own;
  return /\/sse\/?$/.test(new URL(url.replace(/\{[\w-]+\}/g, '0')).pathname) ? 'sse' : 'http';
}
