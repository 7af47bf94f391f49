// The servers the bench measures, each a child process with the bench's SDK client connected: the mock
// (`mcp-notify-check serve`, or the relay host behind a stdio shim for `stdio-relay`) and the bare SDK server
// (bench/bare-server.mjs). Each prints a JSON banner line on stderr saying where its MCP and admin/control endpoints are.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { BenchServer, ServerTransport, Side } from './bench-server.js';
import { type Connected, connect, httpTransport } from './sdk-client.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${root}dist/src/cli.js`;
const BARE = `${root}bench/bare-server.mjs`;
const RELAY = `${root}bench/relay-host.mjs`;

/** `stdio-relay` is what the runner uses: the target spawns a shim relaying to the harness process. */
export type Variant = ServerTransport | 'stdio-relay';
export interface Running extends BenchServer {
  received: () => number;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const newline = text.indexOf('\n');
    if (newline !== -1) return JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
  }
  throw new Error(`no banner: ${text}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** POSTs JSON to a control or admin endpoint; a non-2xx answer throws with its body. */
export async function post(url: string, body?: unknown, token?: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** A running server steered by `trigger`, with its client; `child` (if any) is stopped after the client. */
function running(connected: Connected, server: Pick<Running, 'trigger' | 'pid' | 'mcp'>, child?: ChildProcess): Running {
  return {
    ...connected,
    ...server,
    stop: async () => {
      try {
        await connected.client.close();
      } finally {
        if (child) await stopChild(child);
      }
    },
  };
}

/** The mock's storm, through its admin API. */
const stormVia = (banner: { admin: string; token: string }) => (count: number) =>
  post(`${banner.admin}/storm`, { count, intervalMs: 0 }, banner.token);

/**
 * Spawns a child printing a JSON banner line on stderr; the child is killed if the banner never comes. Its stdin is a
 * pipe held by this process, so the bench's own servers (bare-server.mjs, relay-host.mjs) end when the bench does,
 * however it ends.
 */
async function spawnWithBanner(args: string[]): Promise<{ child: ChildProcess; banner: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  try {
    return { child, banner: await firstLine(child.stderr as NodeJS.ReadableStream) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Connects `transport`, stopping `child` if the connection fails. */
async function connectOrStop(transport: Transport, child: ChildProcess): Promise<Connected> {
  try {
    return await connect(transport);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

interface StdioStarted {
  connected: Connected;
  banner: Record<string, unknown>;
  pid: () => number | undefined;
}

/** A stdio server that the SDK transport spawns (and ends on close), connected; its banner comes on its stderr. */
async function startStdio(args: string[]): Promise<StdioStarted> {
  const transport = new StdioClientTransport({ command: process.execPath, args, stderr: 'pipe' });
  const bannerLine = firstLine(transport.stderr as unknown as NodeJS.ReadableStream);
  bannerLine.catch(() => undefined); // Awaited below once connected; a failed connect is the error to report.
  const connected = await connect(transport);
  try {
    return { connected, banner: await bannerLine, pid: () => transport.pid ?? undefined };
  } catch (error) {
    await connected.client.close();
    throw error;
  }
}

/** The mock; `args` are extra `serve` options (the relay host takes none). */
export async function startMock(kind: Variant, args: string[] = []): Promise<Running> {
  if (kind === 'stdio') {
    const { connected, banner, pid } = await startStdio([CLI, 'serve', '--transport', 'stdio', ...args]);
    return running(connected, { trigger: stormVia(banner as { admin: string; token: string }), pid });
  }
  if (kind === 'stdio-relay') {
    const { child: host, banner: line } = await spawnWithBanner([RELAY]);
    const banner = line as { command: string[]; admin: string; token: string };
    const [command = '', ...shimArgs] = banner.command;
    const connected = await connectOrStop(new StdioClientTransport({ command, args: shimArgs, stderr: 'ignore' }), host);
    // The host process holds the mock's state; the shim only relays bytes.
    return running(connected, { trigger: stormVia(banner), pid: () => host.pid }, host);
  }
  const { child, banner: line } = await spawnWithBanner([CLI, 'serve', '--transport', kind, ...args]);
  const banner = line as { mcp: string; admin: string; token: string };
  const connected = await connectOrStop(httpTransport(kind, banner.mcp), child);
  return running(connected, { trigger: stormVia(banner), pid: () => child.pid, mcp: banner.mcp }, child);
}

/** The bare SDK server; `args` are bare-server.mjs options (`--catalogue`, `--page-size`). */
export async function startBare(kind: Variant, args: string[] = []): Promise<Running> {
  const stormVia = (banner: { control: string }) => (count: number) => post(`${banner.control}/?count=${count}`);
  if (kind === 'stdio' || kind === 'stdio-relay') {
    const { connected, banner, pid } = await startStdio([BARE, 'stdio', ...args]);
    return running(connected, { trigger: stormVia(banner as { control: string }), pid });
  }
  const { child, banner: line } = await spawnWithBanner([BARE, kind, ...args]);
  const banner = line as { mcp: string; control: string };
  const connected = await connectOrStop(httpTransport(kind, banner.mcp), child);
  return running(connected, { trigger: stormVia(banner), pid: () => child.pid, mcp: banner.mcp }, child);
}

/** Either side, started the same way: what the scale section is given. */
export const startServer = (side: Side, kind: Variant, args: string[]) => (side === 'mock' ? startMock(kind, args) : startBare(kind, args));
