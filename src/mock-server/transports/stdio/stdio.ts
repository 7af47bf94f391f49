import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../../../errors.js';
import type { MockServer } from '../../mock-server.js';
import type { WireTransport } from '../../wire-transport.js';
import { batchedWrite } from '../batch.js';
import { LineSplitter } from './lines.js';
import { openStdioSession } from './stdio-peer.js';
import { listenOnLoopback, type TransportBinding } from '../binding.js';

/** Control lines from the harness to a shim start with this; protocol lines always start with `{"jsonrpc"`. */
export const CONTROL_PREFIX = '{"$ctl"';
/** A shim must say hello within this long, or its connection is dropped (a stray local connection). */
const HELLO_TIMEOUT_MS = 5_000;

/** Where the compiled shim lives (beside this module in `dist/`), also when this module runs from `src/` in tests. */
export function shimPath(): string {
  const beside = fileURLToPath(new URL('./stdio-shim.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../../../dist/src/mock-server/transports/stdio/stdio-shim.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new HarnessError('NOT_BUILT', 'the stdio mock shim is not built', 'run `npm run build` first');
}

/**
 * stdio for a target that spawns its server: the target runs `command` (a tiny shim), which relays its
 * stdin/stdout to this process over a loopback socket. Every session therefore shares this process's
 * catalogue, journal and clock; each shim process is one session.
 */
export async function bindStdioRelay(mock: MockServer): Promise<TransportBinding> {
  const token = randomBytes(16).toString('hex');
  const sockets = new Set<Socket>();
  const transports = new Set<WireTransport>();
  let count = 0;

  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const helloTimer = setTimeout(() => socket.destroy(), HELLO_TIMEOUT_MS);
    // The first line must be the shim's hello; lines that arrive while the session opens wait in `early`.
    let receive: ((line: string, arrivedAt?: number) => void) | undefined;
    let rejectLine: ((chars: number) => void) | undefined;
    let chunkAt: number | undefined;
    let greeted = false;
    const early: string[] = [];
    const lines = new LineSplitter((line) => {
      if (receive) return receive(line, chunkAt);
      if (greeted) return void early.push(line);
      if (!isHello(line, token)) return void socket.destroy();
      greeted = true;
      clearTimeout(helloTimer);
      const id = `stdio-${++count}`;
      void openStdioSession(
        mock,
        {
          writeLine: (out) => {
            // A full socket buffer still delivers; only a closed socket loses the line.
            if (!socket.writable) return false;
            batchedWrite(socket, `${out}\n`);
            return true;
          },
          end: (code) => {
            if (socket.writable) socket.end(`${CONTROL_PREFIX}:"exit","code":${code}}\n`);
          },
        },
        id,
      ).then((opened) => {
        receive = opened.receiveLine;
        rejectLine = opened.rejectLine;
        transports.add(opened.transport);
        for (const pending of early.splice(0)) receive(pending);
        const ended = () => {
          lines.end();
          opened.transport.end('stdin closed', undefined, 'client');
          transports.delete(opened.transport);
        };
        if (socket.destroyed) ended();
        else socket.on('close', ended);
      });
    }, { onOverflow: (chars) => (rejectLine ? rejectLine(chars) : socket.destroy()) });
    socket.on('data', (chunk) => {
      // Every line in this chunk arrived now.
      chunkAt = mock.journal.clock.now();
      lines.push(chunk);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    kind: 'stdio',
    command: [process.execPath, shimPath(), '--connect', `127.0.0.1:${port}`, '--token', token],
    close: async () => {
      for (const transport of [...transports]) transport.end('transport closed');
      for (const socket of sockets) socket.destroySoon();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
    },
  };
}

function isHello(line: string, token: string): boolean {
  try {
    const hello = JSON.parse(line) as { hello?: unknown; token?: unknown };
    return hello.hello === 'mcp-notify-check' && hello.token === token;
  } catch {
    return false;
  }
}

/** stdio on this process's own streams (the standalone `serve --transport stdio`); resolves when input ends. */
export async function serveStdio(
  mock: MockServer,
  streams: { input: Readable; output: Writable; onExit: (code: number) => void },
): Promise<WireTransport> {
  const { transport, receiveLine, rejectLine } = await openStdioSession(
    mock,
    {
      writeLine: (line) => {
        if (!streams.output.writable) return false;
        batchedWrite(streams.output, `${line}\n`);
        return true;
      },
      end: (code) => streams.onExit(code),
    },
    'stdio-1',
  );
  let chunkAt: number | undefined;
  const input = new LineSplitter((line) => receiveLine(line, chunkAt), { onOverflow: rejectLine });
  streams.input.on('data', (chunk: Buffer) => {
    chunkAt = mock.journal.clock.now();
    input.push(chunk);
  });
  streams.input.on('end', () => {
    input.end();
    transport.end('stdin closed', undefined, 'client');
  });
  return transport;
}
