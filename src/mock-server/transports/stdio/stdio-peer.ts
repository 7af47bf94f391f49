import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Journal } from '../../../trace/journal.js';
import type { MockServer } from '../../mock-server.js';
import type { WireTransport } from '../../wire-transport.js';
import { errorFrame, parseFrames, rawExcerpt } from '../frames.js';
import { MAX_LINE_CHARS } from './lines.js';
import { serialized } from '../../../trace/serialized.js';

export interface StdioPeer {
  /** Writes one line (no newline) toward the client's stdin. */
  writeLine(line: string): boolean;
  /** Ends the server side: `code` is the stdio process's exit code. */
  end(code: number): void;
}

/** Opens a mock session over newline-delimited JSON; returns the sink for inbound bytes. */
export async function openStdioSession(
  mock: MockServer,
  peer: StdioPeer,
  id: string,
): Promise<{
  transport: WireTransport;
  receiveLine: (line: string, arrivedAt?: number) => void;
  rejectLine: (chars: number) => void;
}> {
  const journal: Journal = mock.journal;
  const stream = `${id}:stdio`;
  const transport = await mock.openSession(
    {
      kind: 'stdio',
      write: (message: JSONRPCMessage) => {
        if (!peer.writeLine(serialized(message))) return { delivered: false, reason: 'stdout closed' };
        journal.append({ kind: 'frame-sent', session: id, stream, message });
        return { delivered: true, stream };
      },
      close: (reason, exitCode = 0) => {
        journal.append({ kind: 'stream-closed', session: id, stream, reason });
        peer.end(exitCode);
      },
    },
    id,
  );
  journal.append({ kind: 'stream-opened', session: id, stream, role: 'stdio' });
  const receiveLine = (line: string, arrivedAt?: number) => {
    const frames = parseFrames(line);
    if (!frames.ok) {
      journal.append({ kind: 'frame-invalid', session: id, error: frames.error, raw: rawExcerpt(line) });
      peer.writeLine(errorFrame(frames.code, frames.error));
      return;
    }
    for (const message of frames.messages) transport.receive(message, stream, arrivedAt);
  };
  /** A line past the framing limit was dropped unread: journal it, and answer as for any unparseable frame. */
  const rejectLine = (chars: number) => {
    const error = `frame of ${chars} characters exceeds the ${MAX_LINE_CHARS}-character limit`;
    journal.append({ kind: 'frame-invalid', session: id, error, raw: '' });
    peer.writeLine(errorFrame(-32700, error));
  };
  return { transport, receiveLine, rejectLine };
}
