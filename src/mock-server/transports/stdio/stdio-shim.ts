#!/usr/bin/env node
// The stdio mock a target spawns: relays stdin/stdout to the harness over a loopback socket.
// Kept free of dependencies so it starts fast; the harness holds the real server.
import { connect } from 'node:net';

const CONTROL_PREFIX = '{"$ctl"';

function fail(message: string): never {
  process.stderr.write(`mcp-notify-check stdio mock: ${message}\n`);
  process.exit(2);
}

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const address = arg('--connect') ?? process.env.MCP_NOTIFY_CHECK_CONTROL;
const token = arg('--token') ?? process.env.MCP_NOTIFY_CHECK_TOKEN ?? '';
const match = address ? /^127\.0\.0\.1:(\d+)$/.exec(address) : null;
if (!match) fail('missing or bad --connect 127.0.0.1:<port> (this program is started by mcp-notify-check)');

let exitCode = 1;
let told = false;
const socket = connect({ host: '127.0.0.1', port: Number(match[1]), noDelay: true }, () => {
  socket.write(`${JSON.stringify({ hello: 'mcp-notify-check', token })}\n`);
  process.stdin.on('data', (chunk) => socket.write(chunk));
  process.stdin.on('end', () => {
    exitCode = 0;
    socket.end();
  });
});
socket.setEncoding('utf8');

/** Writes protocol bytes to stdout as they come (no per-line work), pausing the socket on backpressure. */
function forward(data: string): void {
  if (data && !process.stdout.write(data)) {
    socket.pause();
    process.stdout.once('drain', () => socket.resume());
  }
}

// Protocol lines pass through untouched; only a line starting with the control prefix is taken out.
// `carry` keeps a trailing fragment that may be the start of a control line split across chunks.
let carry = '';
socket.on('data', (chunk: string) => {
  let data = carry + chunk;
  carry = '';
  for (;;) {
    const at = data.startsWith(CONTROL_PREFIX) ? 0 : data.indexOf(`\n${CONTROL_PREFIX}`) + 1;
    if (at <= 0 && !data.startsWith(CONTROL_PREFIX)) {
      const lastNewline = data.lastIndexOf('\n');
      const tail = data.slice(lastNewline + 1);
      if (tail.length < CONTROL_PREFIX.length && CONTROL_PREFIX.startsWith(tail) && tail) {
        carry = tail;
        data = data.slice(0, lastNewline + 1);
      }
      return forward(data);
    }
    forward(data.slice(0, at));
    const rest = data.slice(at);
    const newline = rest.indexOf('\n');
    if (newline === -1) {
      carry = rest;
      return;
    }
    const control = JSON.parse(rest.slice(0, newline)) as { $ctl: string; code?: number };
    if (control.$ctl === 'exit') {
      exitCode = control.code ?? 0;
      told = true;
    }
    data = rest.slice(newline + 1);
  }
});
socket.on('error', (error) => fail(`cannot reach the harness at ${address}: ${error.message}`));
socket.on('close', () => {
  if (!told && exitCode !== 0)
    process.stderr.write('mcp-notify-check stdio mock: the harness closed the connection\n');
  // Flush stdout before exiting so the last frames reach the client.
  process.stdout.write('', () => process.exit(exitCode));
});
process.stdout.on('error', () => process.exit(exitCode));
