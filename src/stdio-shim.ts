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
let buffer = '';
const socket = connect({ host: '127.0.0.1', port: Number(match[1]), noDelay: true }, () => {
  socket.write(`${JSON.stringify({ hello: 'mcp-notify-check', token })}\n`);
  process.stdin.on('data', (chunk) => socket.write(chunk));
  process.stdin.on('end', () => {
    exitCode = 0;
    socket.end();
  });
});
socket.setEncoding('utf8');
socket.on('data', (chunk: string) => {
  buffer += chunk;
  let newline = buffer.indexOf('\n');
  while (newline !== -1) {
    const line = buffer.slice(0, newline + 1);
    buffer = buffer.slice(newline + 1);
    if (line.startsWith(CONTROL_PREFIX)) {
      const control = JSON.parse(line) as { $ctl: string; code?: number };
      if (control.$ctl === 'exit') {
        exitCode = control.code ?? 0;
        told = true;
      }
    } else if (!process.stdout.write(line)) {
      socket.pause();
      process.stdout.once('drain', () => socket.resume());
    }
    newline = buffer.indexOf('\n');
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
