// The bench's SDK client: one per server, counting every notification it receives, over the SDK's own transports.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
// One signal per request: the SDK's transports pass one long-lived signal to every fetch (see fetchOwnSignal).
import { fetchOwnSignal } from '../src/targets/probe/probe-transport.js';

/** An SDK client connected to a server, and how many notifications it has received so far. */
export interface Connected {
  client: Client;
  received: () => number;
}

/** Connects a fresh SDK client over `transport`, counting every notification it receives. */
export async function connect(transport: Transport): Promise<Connected> {
  const client = new Client({ name: 'bench', version: '1' });
  let count = 0;
  client.fallbackNotificationHandler = async () => {
    count += 1;
  };
  await client.connect(transport);
  return { client, received: () => count };
}

/** The SDK client transport for a server on legacy SSE or Streamable HTTP at `url`. */
export function httpTransport(kind: 'sse' | 'http', url: string): Transport {
  return kind === 'sse'
    ? // eslint-disable-next-line @typescript-eslint/no-deprecated -- legacy SSE is measured on purpose
      new SSEClientTransport(new URL(url), { fetch: fetchOwnSignal })
    : new StreamableHTTPClientTransport(new URL(url), { fetch: fetchOwnSignal });
}
