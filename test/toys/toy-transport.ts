import { createConnection, createServer, type Socket } from 'node:net';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { registerBinding } from '../../src/mock-server/transports/bind.js';
import { listenOnLoopback } from '../../src/mock-server/transports/binding.js';
import { registerTransport } from '../../src/model/transports.js';
import { registerProbeClient } from '../../src/targets/probe/probe-session.js';
import { urlOf } from '../../src/targets/probe/probe-transport.js';

/**
 * A fourth transport, as a user would add one: newline-delimited JSON-RPC over a loopback TCP connection
 * (`tcp://127.0.0.1:<port>`), one session per connection, 2025 revisions only. Importing this file registers its
 * record, the mock's binding and the probe's client; nothing else in the harness names it.
 */
registerTransport({
  name: 'tcp', eras: ['legacy'], addressedBy: 'url', sessions: 'many', optionalStream: false, resumable: false,
  teardown: 'drop-stream', fallbackKeyword: 'none', scheme: 'tcp:',
});

/** Reads newline-delimited JSON-RPC messages off a socket. */
function onMessages(socket: Socket, each: (message: JSONRPCMessage) => void, bad: (error: Error) => void): void {
  const buffer = new ReadBuffer();
  socket.on('data', (chunk: Buffer) => {
    buffer.append(chunk);
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = buffer.readMessage();
      } catch (error) {
        bad(error as Error);
        continue;
      }
      if (message === null) return;
      each(message);
    }
  });
}

registerBinding('tcp', async (mock) => {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    const id = `tcp-${++count}`;
    socket.on('error', () => socket.destroy());
    const opened = mock.openSession({
      kind: 'tcp',
      write: (message) => {
        if (!socket.writable) return { delivered: false, reason: 'connection closed' };
        socket.write(serializeMessage(message));
        mock.journal.append({ kind: 'frame-sent', session: id, stream: id, message });
        return { delivered: true, stream: id };
      },
      close: (reason) => {
        mock.journal.append({ kind: 'stream-closed', session: id, stream: id, reason });
        socket.end();
      },
    }, id);
    mock.journal.append({ kind: 'stream-opened', session: id, stream: id, role: 'stdio' });
    void opened.then((transport) => {
      onMessages(socket, (message) => transport.receive(message, id), (error) => {
        mock.journal.append({ kind: 'frame-invalid', session: id, error: error.message, raw: '' });
      });
      socket.on('close', () => {
        sockets.delete(socket);
        transport.end('connection closed', undefined, 'client');
      });
    });
  });
  const port = await listenOnLoopback(server);
  return {
    kind: 'tcp',
    url: `tcp://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});

/** The client side: an SDK transport over one TCP connection. */
class TcpClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private socket: Socket | undefined;

  constructor(private readonly url: URL) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: this.url.hostname, port: Number(this.url.port) }, () => resolve());
      this.socket = socket;
      socket.once('error', reject);
      socket.on('close', () => this.onclose?.());
      onMessages(socket, (message) => this.onmessage?.(message), (error) => this.onerror?.(error));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    this.socket?.write(serializeMessage(message));
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.socket?.end();
    return Promise.resolve();
  }
}

registerProbeClient('tcp', { handshake: (downstream) => new TcpClientTransport(urlOf(downstream)) });
