// The bench's SDK client: one per server, counting every notification it receives, over the SDK's own transports.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

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

/**
 * The SDK's HTTP client transports pass one long-lived AbortSignal to every fetch, and undici removes the abort listener
 * it adds per request only when that Request is garbage-collected: thousands of sequential requests piled up to 1,600
 * listeners on the one signal (MaxListenersExceededWarning past undici's limit of 1,500). Here each request gets its
 * own signal, linked to the transport's until the answer's headers arrive; a GET (the standalone or SSE stream, one
 * at a time) stays linked, so closing the client still ends it.
 */
const fetchWithOwnSignal: FetchLike = async (url, init) => {
  const outer = init?.signal;
  if (!outer) return fetch(url, init);
  const own = new AbortController();
  const abort = () => own.abort(outer.reason);
  if (outer.aborted) abort();
  else outer.addEventListener('abort', abort, { once: true });
  const unlink = () => outer.removeEventListener('abort', abort);
  try {
    const response = await fetch(url, { ...init, signal: own.signal });
    if ((init.method ?? 'GET') !== 'GET') unlink();
    return response;
  } catch (error) {
    unlink();
    throw error;
  }
};

/** The SDK client transport for a server on legacy SSE or Streamable HTTP at `url`. */
export function httpTransport(kind: 'sse' | 'http', url: string): Transport {
  return kind === 'sse'
    ? // eslint-disable-next-line @typescript-eslint/no-deprecated -- legacy SSE is measured on purpose
      new SSEClientTransport(new URL(url), { fetch: fetchWithOwnSignal })
    : new StreamableHTTPClientTransport(new URL(url), { fetch: fetchWithOwnSignal });
}
