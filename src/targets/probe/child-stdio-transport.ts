import type { ChildProcess } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { LineSplitter } from '../../mock-server/transports/stdio/lines.js';

/**
 * An SDK client transport over the stdin/stdout of a process the harness spawned itself (a gateway whose
 * downstream side is stdio), so the harness — not the SDK — owns the process and ends it.
 */
export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private closed = false;

  constructor(private readonly child: ChildProcess) {}

  async start(): Promise<void> {
    const lines = new LineSplitter((line) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return; // Gateways log to stdout sometimes; a non-JSON line is not a message.
      }
      const parsed = JSONRPCMessageSchema.safeParse(value);
      if (parsed.success) this.onmessage?.(parsed.data);
    });
    this.child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk));
    this.child.stdout?.on('end', () => this.finish());
    this.child.once('exit', () => this.finish());
    // A write after the process closed its stdin fails later (EPIPE): the connection is over, not the harness.
    this.child.stdin?.on('error', (error) => {
      this.onerror?.(error);
      this.finish();
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child.stdin;
    if (this.closed || !stdin?.writable) throw new Error('the gateway process is not accepting input');
    stdin.write(`${JSON.stringify(message)}\n`);
  }

  async close(): Promise<void> {
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
