import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/** Where to reach the server, as mcp-notify-check hands it to a target (environment first, then argv). */
export interface Endpoint {
  transport: 'stdio' | 'sse' | 'http';
  /** The protocol era to speak: legacy (initialize) unless the harness says modern (2026-07-28) or auto (dual-era). */
  era?: 'legacy' | 'modern';
  url?: string;
  command?: string[];
}

export function endpointFromEnvironment(env: NodeJS.ProcessEnv, argv: string[]): Endpoint {
  const transport = (env.MCP_NOTIFY_CHECK_TRANSPORT ?? (argv.at(-1)?.startsWith('http') ? 'http' : 'stdio')) as Endpoint['transport'];
  // `auto` (the harness finding what it speaks): its default, dual-era, which probes with server/discover first.
  const era = env.MCP_NOTIFY_CHECK_ERA === 'modern' || env.MCP_NOTIFY_CHECK_ERA === 'auto' ? 'modern' : 'legacy';
  if (transport === 'stdio') {
    const command = env.MCP_NOTIFY_CHECK_SERVER_COMMAND;
    if (!command) throw new Error('stdio needs MCP_NOTIFY_CHECK_SERVER_COMMAND (a JSON argv)');
    return { transport, era, command: JSON.parse(command) as string[] };
  }
  const url = env.MCP_NOTIFY_CHECK_URL ?? argv.at(-1);
  if (!url) throw new Error(`${transport} needs a URL (MCP_NOTIFY_CHECK_URL or the last argument)`);
  return { transport, era, url };
}

export interface TransportOptions {
  /** Streamable HTTP: GET-stream reconnection attempts (the SDK default is 2). */
  maxRetries?: number;
  /** Transports this client's library lacks (many have no legacy HTTP+SSE): it fails as such a library does. */
  unsupported?: Endpoint['transport'][];
  /** Streamable HTTP: never learn the server's SSE `retry` and reconnect at once (a flawed client). */
  ignoreRetry?: boolean;
}

/** A fresh SDK client transport for the endpoint (only that transport's module is loaded). */
export async function createTransport(endpoint: Endpoint, options: TransportOptions = {}): Promise<Transport> {
  if (options.unsupported?.includes(endpoint.transport)) {
    throw new Error(`transport "${endpoint.transport}" is not supported by this client`);
  }
  switch (endpoint.transport) {
    case 'stdio': {
      const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      const [command = '', ...args] = endpoint.command ?? [];
      return new StdioClientTransport({ command, args, stderr: 'inherit' });
    }
    case 'sse': {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- legacy servers still speak it
      const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
      return new SSEClientTransport(new URL(endpoint.url ?? ''));
    }
    case 'http': {
      const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
      const ignoreRetry = options.ignoreRetry === true;
      return new StreamableHTTPClientTransport(new URL(endpoint.url ?? ''), {
        ...(ignoreRetry ? { fetch: (await import('./strip-retry.js')).fetchWithoutRetry } : {}),
        reconnectionOptions: {
          initialReconnectionDelay: ignoreRetry ? 0 : 1_000,
          maxReconnectionDelay: 10_000,
          reconnectionDelayGrowFactor: 1.5,
          maxRetries: options.maxRetries ?? 5,
        },
      });
    }
  }
}
