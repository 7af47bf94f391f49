import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { TransportBinding } from '../../src/mock-server/transports/bind.js';

export interface ClientOptions {
  /** Streamable HTTP reconnection settings (tests use short delays). */
  reconnectDelayMs?: number;
}

/** An SDK client transport that reaches `binding`. */
export function clientTransport(binding: TransportBinding, options: ClientOptions = {}): Transport {
  switch (binding.kind) {
    case 'stdio': {
      const [command = '', ...args] = binding.command ?? [];
      return new StdioClientTransport({ command, args, stderr: 'pipe' });
    }
    case 'sse':
      // Legacy HTTP+SSE is one of the transports under test, deprecated or not.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      return new SSEClientTransport(new URL(binding.url ?? ''));
    case 'http':
      return new StreamableHTTPClientTransport(new URL(binding.url ?? ''), {
        reconnectionOptions: {
          initialReconnectionDelay: options.reconnectDelayMs ?? 50,
          maxReconnectionDelay: 1000,
          reconnectionDelayGrowFactor: 1.5,
          maxRetries: 5,
        },
      });
    default:
      throw new Error(`no test client for the ${binding.kind} transport`);
  }
}

/** Connects a plain SDK client (no auto-refresh) to the binding. */
export async function connectClient(binding: TransportBinding, options: ClientOptions = {}): Promise<Client> {
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(clientTransport(binding, options));
  return client;
}

export interface Inbox {
  readonly methods: string[];
  /** Resolves once `count` notifications with `method` have arrived in total. */
  waitFor(method: string, count?: number): Promise<void>;
}

/** Records every notification the client receives (through the SDK's fallback handler). */
export function inbox(client: Client): Inbox {
  const methods: string[] = [];
  const waiters: { method: string; count: number; resolve: () => void }[] = [];
  const countOf = (method: string) => methods.filter((m) => m === method).length;
  client.fallbackNotificationHandler = async (notification) => {
    methods.push(notification.method);
    for (const waiter of [...waiters]) {
      if (countOf(waiter.method) >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  return {
    methods,
    waitFor: (method, count = 1) =>
      countOf(method) >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ method, count, resolve })),
  };
}
