import { randomUUID } from 'node:crypto';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { TransportKind } from '../../src/model/words.js';
import type { MockServer } from '../../src/mock-server/mock-server.js';
import type { WireTransport } from '../../src/mock-server/wire-transport.js';
import type { TransportBinding } from '../../src/mock-server/transports/binding.js';

/** The client's end of an in-memory session: messages cross as objects, a microtask apart, in order. */
class InMemoryClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private server: WireTransport | undefined;
  private closed = false;
  private readonly id = randomUUID();
  private readonly stream = `${this.id}:memory`;

  constructor(
    private readonly mock: MockServer,
    private readonly kind: TransportKind,
    private readonly ends: Set<InMemoryClientTransport>,
  ) {}

  async start(): Promise<void> {
    const { journal } = this.mock;
    this.ends.add(this);
    this.server = await this.mock.openSession(
      {
        kind: this.kind,
        write: (message) => {
          if (this.closed) return { delivered: false, reason: 'client closed' };
          journal.append({ kind: 'frame-sent', session: this.id, stream: this.stream, message });
          queueMicrotask(() => this.onmessage?.(message));
          return { delivered: true, stream: this.stream };
        },
        close: (reason) => {
          journal.append({ kind: 'stream-closed', session: this.id, stream: this.stream, reason });
          this.finish();
        },
      },
      this.id,
    );
    journal.append({ kind: 'stream-opened', session: this.id, stream: this.stream, role: 'stdio' });
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed || !this.server) return Promise.reject(new Error('in-memory session closed'));
    const server = this.server;
    queueMicrotask(() => server.receive(message, this.stream));
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.server?.end('client closed');
    this.finish();
    return Promise.resolve();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.ends.delete(this);
    queueMicrotask(() => this.onclose?.());
  }
}

/**
 * Serves the mock in memory: no socket, no process. `connect()` opens a session and returns the client's end. The
 * binding reports `kind` as its transport, so a cell plays as it would there; the runner's own tests use it.
 */
export function bindInMemory(mock: MockServer, kind: TransportKind = 'stdio'): Promise<TransportBinding> {
  const ends = new Set<InMemoryClientTransport>();
  return Promise.resolve({
    kind,
    connect: () => new InMemoryClientTransport(mock, kind, ends),
    close: async () => {
      for (const end of [...ends]) await end.close();
    },
  });
}
