import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { LineSplitter } from '../../src/mock-server/transports/stdio/lines.js';
import { bindStdioRelay, shimPath } from '../../src/mock-server/transports/stdio/stdio.js';
import type { TransportBinding } from '../../src/mock-server/transports/binding.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Spawns the shim as a target would, reading its stdout as lines. */
function spawnShim(command: string[]): {
  child: ChildProcessWithoutNullStreams;
  nextLine: () => Promise<string>;
} {
  const [exe = '', ...args] = command;
  const child = spawn(exe, args, { stdio: 'pipe' });
  cleanups.push(() => {
    child.kill();
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  const splitter = new LineSplitter((line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
  return {
    child,
    nextLine: () => {
      const line = lines.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

async function relay(): Promise<{ mock: MockServer; binding: TransportBinding }> {
  const mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } });
  const binding = await bindStdioRelay(mock);
  cleanups.push(async () => {
    await binding.close();
    await mock.close();
  });
  return { mock, binding };
}

describe('stdio relay', () => {
  it('drops a frame past the size limit unbuffered, answers a parse error, journals it, and keeps serving', async () => {
    const { mock, binding } = await relay();
    const { child, nextLine } = spawnShim(binding.command ?? []);
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 5; i++) child.stdin.write(chunk);
    child.stdin.write('\n{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n');
    expect(JSON.parse(await nextLine())).toMatchObject({ id: null, error: { code: -32700, message: expect.stringContaining('exceeds') } });
    expect(JSON.parse(await nextLine())).toMatchObject({ id: 2, result: { tools: [{ name: 'alpha' }] } });
    expect(mock.journal.ofKind('frame-invalid')).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/^frame of 5242880 characters exceeds/), raw: '' }),
    ]);
  });
  it('answers a malformed line with a JSON-RPC parse error and journals it', async () => {
    const { mock, binding } = await relay();
    const { child, nextLine } = spawnShim(binding.command ?? []);
    child.stdin.write('this is not json\n');
    expect(JSON.parse(await nextLine())).toMatchObject({ id: null, error: { code: -32700 } });
    child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n');
    expect(JSON.parse(await nextLine())).toMatchObject({ id: 1, result: { tools: [{ name: 'alpha' }] } });
    expect(mock.journal.ofKind('frame-invalid')).toEqual([
      expect.objectContaining({ raw: 'this is not json' }),
    ]);
  });

  it('makes the process exit with the code an exit fault names', async () => {
    const { mock, binding } = await relay();
    const { child, nextLine } = spawnShim(binding.command ?? []);
    child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await nextLine();
    const exited = once(child, 'exit');
    expect(mock.exitProcess(3)).toHaveLength(1);
    expect((await exited)[0]).toBe(3);
    expect(mock.journal.ofKind('session-closed')).toEqual([
      expect.objectContaining({ reason: 'process exit 3' }),
    ]);
  });

  it('ends the session when the client closes stdin, and the process exits 0', async () => {
    const { mock, binding } = await relay();
    const { child, nextLine } = spawnShim(binding.command ?? []);
    child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await nextLine();
    const exited = once(child, 'exit');
    child.stdin.end();
    expect((await exited)[0]).toBe(0);
    await mock.journal.waitOrThrow((event) => event.kind === 'session-closed', { timeoutMs: 5_000 });
    expect(mock.sessionIds()).toEqual([]);
  });

  it('refuses a shim with the wrong token', async () => {
    const { mock, binding } = await relay();
    const command = [...(binding.command ?? [])];
    command[command.length - 1] = 'wrong-token';
    const { child } = spawnShim(command);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(mock.journal.ofKind('session-opened')).toEqual([]);
  });

  it('exits 2 with one clear line when started without the harness', async () => {
    const child = spawn(process.execPath, [shimPath()], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('missing or bad --connect')]);
  });
});
