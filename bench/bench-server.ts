// A server under benchmark as the sections see it: a child process (the mock or the bare SDK server) with the bench's
// SDK client connected, a way to make it notify, and its memory read from /proc.
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export type Side = 'mock' | 'bare';
/** The transports both sides serve (`stdio-relay`, the runner's path, is the mock's alone: see bench/servers.ts). */
export type ServerTransport = 'stdio' | 'sse' | 'http';

/** A server child with an SDK client connected: what `bench/servers.ts` starts for each side. */
export interface BenchServer {
  client: Client;
  /** Makes the server send `count` tools/list_changed to every session. */
  trigger: (count: number) => Promise<void>;
  /** The process holding the server's state (for its memory). */
  pid: () => number | undefined;
  /** The MCP endpoint (sse/http). */
  mcp?: string;
  stop: () => Promise<void>;
}
export type StartServer = (side: Side, kind: ServerTransport, args: string[]) => Promise<BenchServer>;

export interface Memory {
  rssMb: number;
  /** Peak resident set (VmHWM) over the process's life. */
  hwmMb: number;
}

/** VmRSS and VmHWM of a process, from /proc (NaN where /proc is not available). */
export function memoryOf(pid: number | undefined): Memory {
  let status = '';
  try {
    status = pid === undefined ? '' : readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process is gone or /proc is not mounted: the memory is unknown, not zero.
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}
