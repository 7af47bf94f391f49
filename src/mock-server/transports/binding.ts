import type { Server } from 'node:net';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type TransportKind } from '../../model/words.js';

export interface BindOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
}

/** A transport serving the mock: how a target reaches it, and how to stop it. */
export interface TransportBinding {
  kind: TransportKind;
  /** The MCP endpoint URL (sse/http). */
  url?: string;
  /** The argv that starts a stdio mock process wired to this binding (stdio). */
  command?: string[];
  /** In-memory bindings: opens a new session and returns the client's end of it. */
  connect?: () => Transport;
  close(): Promise<void>;
}

/** Listens on a free loopback port (servers bind 127.0.0.1 only) and resolves with it. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
