import { getEventListeners } from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport, type TransportBinding } from '../../src/mock-server/transports/bind.js';
import { probeTransport } from '../../src/targets/probe/probe-transport.js';
import type { TraceEvent } from '../../src/trace/events.js';

/** Stream re-connections on one probe connection: twice what it takes Node to warn (more than 10 listeners). */
const RECONNECTIONS = 20;

describe('the probe transport over Streamable HTTP', () => {
  let mock: MockServer;
  let binding: TransportBinding;
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(async () => {
    mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } });
    binding = await bindTransport('http', mock, {});
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(async () => {
    process.off('warning', onWarning);
    await binding.close();
    await mock.close();
  });

  it(`keeps one abort listener per connection through ${RECONNECTIONS} dropped streams, none after close, and no warning`, async () => {
    const transport = probeTransport({ downstream: { kind: 'http', url: binding.url ?? '' }, headers: {} }, () => undefined);
    const client = new Client({ name: 'probe', version: '1.0.0' });
    await client.connect(transport);
    // The SDK's one signal per connection (private): every probe request is linked to it.
    const signal = (transport as unknown as { _abortController: AbortController })._abortController.signal;
    const standalone = (event: TraceEvent) => event.kind === 'stream-opened' && event.role === 'standalone';
    for (let i = 1; i <= RECONNECTIONS; i++) {
      await mock.journal.waitOrThrow(standalone, { count: i, timeoutMs: 5_000, what: `standalone stream ${i}` });
      expect(mock.dropStream()).toHaveLength(1);
      await client.listTools();
      expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
    }
    await mock.journal.waitOrThrow(standalone, { count: RECONNECTIONS + 1, timeoutMs: 5_000, what: 'the last stream' });
    await client.close();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([]);
  }, 30_000);
});
