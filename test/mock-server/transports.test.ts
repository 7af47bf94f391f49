import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport, type TransportBinding } from '../../src/mock-server/transports/bind.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { connectClient, type Inbox, inbox } from '../helpers/connect.js';
import { notificationReady } from '../helpers/ready.js';

const transports = ['stdio', 'sse', 'http'] as const;

describe.each(transports)('mock server over %s', (kind) => {
  let mock: MockServer;
  let binding: TransportBinding;
  let client: Client;
  let notes: Inbox;

  async function start(options: ConstructorParameters<typeof MockServer>[0] = {}) {
    mock = new MockServer({
      catalogue: {
        tools: [{ name: 'alpha' }, { name: 'beta' }],
        resources: [{ uri: 'mock://r/1', name: 'one', text: 'first' }],
        prompts: [{ name: 'greet' }],
      },
      ...options,
    });
    binding = await bindTransport(kind, mock);
    client = await connectClient(binding);
    notes = inbox(client);
    await notificationReady(mock, kind);
  }

  beforeEach(async () => {
    await start();
  });

  afterEach(async () => {
    await client.close().catch(() => undefined);
    await binding.close();
    await mock.close();
  });

  it('serves the initial catalogue', async () => {
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['alpha', 'beta']);
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['mock://r/1']);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['greet']);
    const served = mock.journal.ofKind('list-served');
    expect(served.map((event) => [event.method, event.revision])).toEqual([
      ['tools/list', 0],
      ['resources/list', 0],
      ['prompts/list', 0],
    ]);
  });

  it('announces an added tool and serves it on the re-list', async () => {
    mock.add('tools', { name: 'gamma' });
    expect(notes.methods).toEqual([]);
    const deliveries = mock.notify('tools');
    expect(deliveries).toEqual([expect.objectContaining({ delivered: true })]);
    await notes.waitFor('notifications/tools/list_changed');
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(mock.journal.ofKind('list-served').at(-1)?.revision).toBe(1);
  });

  it('announces a removed tool and stops serving it', async () => {
    mock.remove('tools', 'alpha');
    mock.notify('tools');
    await notes.waitFor('notifications/tools/list_changed');
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['beta']);
  });

  it('announces resource and prompt changes with their own methods', async () => {
    mock.add('resources', { uri: 'mock://r/2', name: 'two' });
    mock.notify('resources');
    mock.update('prompts', 'greet', { description: 'changed' });
    mock.notify('prompts');
    await notes.waitFor('notifications/resources/list_changed');
    await notes.waitFor('notifications/prompts/list_changed');
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['mock://r/1', 'mock://r/2']);
    expect((await client.listPrompts()).prompts[0]?.description).toBe('changed');
  });

  it('sends resources/updated only to subscribed sessions', async () => {
    expect(mock.notifyResourceUpdated('mock://r/1')).toEqual([]);
    await client.subscribeResource({ uri: 'mock://r/1' });
    mock.update('resources', 'mock://r/1', { text: 'second' });
    expect(mock.notifyResourceUpdated('mock://r/1')).toEqual([expect.objectContaining({ delivered: true })]);
    await notes.waitFor('notifications/resources/updated');
    const read = await client.readResource({ uri: 'mock://r/1' });
    expect(read.contents[0]).toMatchObject({ text: 'second' });
  });

  it('answers tool calls with an echo and rejects unknown tools', async () => {
    const result = await client.callTool({ name: 'alpha', arguments: { text: 'hi' } });
    expect(result.content).toEqual([{ type: 'text', text: '{"tool":"alpha","arguments":{"text":"hi"}}' }]);
    await expect(client.callTool({ name: 'nope' })).rejects.toThrow(/Unknown tool/);
  });

  it('answers every method it does not serve with -32601 (method not found)', async () => {
    // Not served by the mock (no logging or completions capability), or Object.prototype keys.
    const methods = ['foo/bar', 'logging/setLevel', 'completion/complete', 'constructor', '__proto__'];
    for (const method of methods) {
      const request = client.request({ method }, z.object({}).loose());
      await expect(request, method).rejects.toMatchObject({ code: ErrorCode.MethodNotFound });
    }
    // The session is still usable afterwards.
    expect((await client.listTools()).tools).toHaveLength(2);
  });

  it('keeps a held tools/list pending until released, serving the list as it was when asked', async () => {
    mock.hold('tools/list');
    let settled = false;
    const pending = client.listTools().then((result) => {
      settled = true;
      return result;
    });
    await mock.journal.waitOrThrow((event) => event.kind === 'response-held', { timeoutMs: 5_000 });
    mock.add('tools', { name: 'late' });
    mock.notify('tools');
    await notes.waitFor('notifications/tools/list_changed');
    expect(settled).toBe(false);
    expect(mock.release('tools/list')).toBe(1);
    expect((await pending).tools.map((tool) => tool.name)).toEqual(['alpha', 'beta']);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['alpha', 'beta', 'late']);
    const kinds = mock.journal.snapshot().map((event) => event.kind);
    expect(kinds.indexOf('response-held')).toBeLessThan(kinds.indexOf('notification'));
    expect(kinds.indexOf('notification')).toBeLessThan(kinds.indexOf('response-released'));
  });

  it('pages lists with opaque cursors when a page size is set', async () => {
    await client.close();
    await binding.close();
    await mock.close();
    await start({ pageSize: 2, catalogue: { tools: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })) } });
    const first = await client.listTools();
    expect(first.tools.map((tool) => tool.name)).toEqual(['a', 'b']);
    expect(first.nextCursor).toBeTypeOf('string');
    const second = await client.listTools({ cursor: first.nextCursor });
    const third = await client.listTools({ cursor: second.nextCursor });
    expect([...second.tools, ...third.tools].map((tool) => tool.name)).toEqual(['c', 'd', 'e']);
    expect(third.nextCursor).toBeUndefined();
    await expect(client.listTools({ cursor: 'garbage' })).rejects.toThrow(/invalid cursor/);
  });

  it('drops or duplicates notifications on a fault and journals it', async () => {
    mock.faults.dropNext(1);
    expect(mock.notify('tools')).toEqual([
      expect.objectContaining({ delivered: false, reason: 'dropped by fault' }),
    ]);
    mock.faults.duplicateNext(1);
    expect(mock.notify('tools')).toHaveLength(2);
    await notes.waitFor('notifications/tools/list_changed', 2);
    expect(mock.journal.ofKind('fault').map((event) => event.fault)).toEqual([
      'drop-notification',
      'duplicate-notification',
    ]);
  });

  it('ends a terminated session: the client loses it and the journal records why', async () => {
    const closed = new Promise<void>((resolve) => {
      client.onclose = () => resolve();
    });
    const [id] = mock.terminateSession();
    expect(mock.sessionIds()).toEqual([]);
    if (kind === 'stdio') {
      await closed;
    } else {
      // HTTP transports answer the ended session's requests with 404 (the SSE client's EventSource would
      // reconnect into a fresh session; the old message endpoint stays gone).
      await expect(client.listTools()).rejects.toThrow(/404|Session not found/);
    }
    const ended = mock.journal.ofKind('session-closed');
    expect(ended).toEqual([expect.objectContaining({ session: id, reason: 'terminated by server' })]);
  });

  it('journals the session life cycle in order', async () => {
    await client.listTools();
    const events = mock.journal.snapshot();
    const order = (k: TraceEvent['kind']) => events.findIndex((event) => event.kind === k);
    expect(order('session-opened')).toBe(0);
    expect(order('session-opened')).toBeLessThan(order('frame-received'));
    expect(order('frame-received')).toBeLessThan(order('session-initialized'));
    const first = events.find((event) => event.kind === 'frame-received');
    expect(first).toMatchObject({ message: { method: 'initialize' } });
    const seqs = events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const times = events.map((event) => event.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
