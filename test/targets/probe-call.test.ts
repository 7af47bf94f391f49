import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../src/api/start-mock.js';
import { journaledCall } from '../../src/targets/probe/probe-call.js';
import { Journal } from '../../src/trace/journal.js';

describe('a probe\'s tool call that the target never answers', () => {
  it('is a failed call on the journal, not a wait as long as the cell\'s cap', async () => {
    await using mock = await startMock();
    // The target's answer is lost: the mock holds every tools/call answer until released.
    await mock.hold({ method: 'tools/call' });
    const client = new Client({ name: 'probe-call-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mock.url)));
    const journal = new Journal();
    const called = await journaledCall({ client, journal, label: 'A' }, 'echo', { text: 'hi' });
    expect(called).toEqual({ ok: false, message: 'MCP error -32001: Request timed out' });
    expect(journal.ofKind('probe-call').map(({ tool, ok, probe }) => ({ tool, ok, probe }))).toEqual([{ tool: 'echo', ok: false, probe: 'A' }]);
    await mock.release({ method: 'tools/call' });
    await client.close();
  }, 30_000);
});
