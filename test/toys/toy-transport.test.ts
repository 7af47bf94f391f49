import './toy-transport.js';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/api/run.js';
import { startMock } from '../../src/api/start-mock.js';
import { parseTransports } from '../../src/commands/options.js';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { bindTransport } from '../../src/mock-server/transports/bind.js';
import { TransportKindSchema, transportOf } from '../../src/model/transports.js';
import type { ListKind } from '../../src/model/words.js';
import { selectScenarios } from '../../src/scenarios/scenario-registry.js';
import { scenarioExcludes } from '../../src/targets/target.js';
import { connectSession } from '../../src/targets/probe/probe-session.js';
import { changeCommand } from './change-command.js';

describe('a toy transport, registered from its own file', () => {
  it('is a transport like the others: options take it, and a plan places the cells it carries', () => {
    expect(TransportKindSchema.safeParse('tcp').success).toBe(true);
    expect(parseTransports('tcp,http')).toEqual(['tcp', 'http']);
    expect(transportOf('tcp').eras).toEqual(['legacy']);
    const [relist] = selectScenarios(['refresh-on-add']);
    if (!relist) throw new Error('no refresh-on-add scenario');
    expect(relist.transports).toContain('tcp');
    expect(scenarioExcludes({ mode: 'client' }, relist, 'tcp', 'legacy')).toBeUndefined();
    expect(scenarioExcludes({ mode: 'client' }, relist, 'tcp', 'modern')).toBe('tcp exists only in the legacy era');
  });

  it('the mock serves it and the probe speaks it: a session, its lists, and a change told on it', async () => {
    const mock = new MockServer({ catalogue: { tools: [{ name: 'a' }] } });
    const binding = await bindTransport('tcp', mock);
    const told: ListKind[] = [];
    const session = await connectSession('legacy', { downstream: { kind: 'tcp', url: binding.url ?? '' }, headers: {} }, {
      changed: (list) => told.push(list), closed: () => undefined, listen: () => undefined, refused: () => undefined,
    });
    try {
      expect(mock.journal.ofKind('session-opened')).toEqual([expect.objectContaining({ transport: 'tcp' })]);
      await expect.poll(() => mock.journal.ofKind('session-initialized')).toHaveLength(1);
      const first = await session.page('tools', undefined, {});
      expect(first.items.map((tool) => (tool as { name: string }).name)).toEqual(['a']);
      mock.add('tools', { name: 'b' });
      expect(mock.notify('tools')).toEqual([expect.objectContaining({ delivered: true })]);
      await expect.poll(() => told).toEqual(['tools']);
    } finally {
      await session.close();
      await binding.close();
      await mock.close();
    }
  });

  it('a server run reaches a server at a tcp:// URL as its clients, and judges', async () => {
    await using mock = await startMock({ transport: 'tcp' });
    expect(mock.url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const { report } = await run({ serverUrl: mock.url, changeCmd: changeCommand(mock.admin), scenario: 'server-background' });
    // The URL's scheme names the transport: the server speaks tcp, and its cells are tcp cells.
    expect(report.options.transports).toEqual(['tcp']);
    const cell = report.cells.find((each) => each.scenario === 'server-background');
    expect(cell?.transport).toBe('tcp');
    expect(cell?.checks.find((check) => check.id === 'target-connects')?.message).toBe('the server accepted 3 session(s) on tcp');
    const background = cell?.checks.find((check) => check.id === 'server-background');
    expect(background).toMatchObject({ status: 'pass', message: expect.stringMatching(/^\[A, B, C\] were told of the change/) });
    expect(report.summary.fail).toBe(0);
  }, 60_000);
});
