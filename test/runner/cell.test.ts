import { describe, expect, it } from 'vitest';
import { bindInMemory } from '../helpers/in-memory-transport.js';
import type { Bind } from '../../src/runner/cell.js';
import { runCell } from '../../src/runner/cell.js';
import { parseScenario } from '../../src/scenarios/load.js';
import type { StepInput } from '../../src/steps/op-registry.js';
import { inMemoryTarget } from '../helpers/in-memory-target.js';
import type { TraceEvent } from '../../src/trace/events.js';

const scenario = (steps: StepInput[], checks = [{ id: 'converges' }]) =>
  parseScenario({ id: 'unit', title: 'unit', catalogue: { tools: [{ name: 'alpha' }] }, steps, checks }, 'test');

const bind: Bind = (transport, mock) => bindInMemory(mock, transport);

const stepEvents = (events: readonly TraceEvent[]) =>
  events.flatMap((event) => (event.kind === 'step' ? [`${event.op}:${event.phase}${event.detail ? `:${event.detail}` : ''}`] : []));

describe('runCell on in-memory parts', () => {
  it('plays the steps in order and journals each with its detail', async () => {
    const run = await runCell({
      scenario: scenario([
        { op: 'ready' },
        { op: 'add', item: 'tools', value: { name: 'beta' } },
        { op: 'notify', list: 'tools' },
        { op: 'await-refresh' },
        { op: 'settle', quietMs: 20 },
      ]),
      transport: 'stdio',
      target: inMemoryTarget(),
      timeoutMs: 5_000,
      bind,
    });
    expect(run.error).toBeUndefined();
    expect(stepEvents(run.trace.events)).toEqual([
      'ready:start', 'ready:end:initialized',
      'add:start', 'add:end:revision 1',
      'notify:start', 'notify:end:1/1 delivered',
      'await-refresh:start', 'await-refresh:end:tools: re-listed',
      'settle:start', 'settle:end:quiet',
    ]);
    const views = run.trace.events.filter((event) => event.kind === 'target-view');
    expect(views.at(-1)).toMatchObject({ names: ['alpha', 'beta'] });
    expect(run.trace.meta.target).toBe('in-memory client');
  });

  it('disposes target, binding and mock in reverse order of start, on success', async () => {
    const order: string[] = [];
    const logged: Bind = async (transport, mock) => {
      const binding = await bindInMemory(mock, transport);
      const close = async () => {
        order.push('binding');
        await binding.close();
      };
      return { ...binding, close };
    };
    const run = await runCell({
      scenario: scenario([{ op: 'ready' }]),
      transport: 'stdio',
      target: inMemoryTarget({ onDispose: () => order.push('target') }),
      timeoutMs: 5_000,
      bind: logged,
    });
    expect(run.error).toBeUndefined();
    expect(order).toEqual(['target', 'binding']);
    const last = run.trace.events.filter((event) => ['catalogue-snapshot', 'target-exited', 'session-closed'].includes(event.kind));
    // The final catalogue is recorded before anything is disposed; the session closes with the target.
    expect(last.map((event) => event.kind)).toEqual(['catalogue-snapshot', 'catalogue-snapshot', 'session-closed', 'target-exited']);
  });

  it('ends a cell that outlives its cap with CELL_TIMEOUT and still disposes everything', async () => {
    let disposed = false;
    const run = await runCell({
      scenario: scenario([{ op: 'ready' }, { op: 'sleep', ms: 60_000 }]),
      transport: 'stdio',
      target: inMemoryTarget({ onDispose: () => (disposed = true) }),
      // Room for the in-memory client to connect on a loaded machine: the cap is meant to cut the sleep, not the ready.
      timeoutMs: 1_000,
      bind,
    });
    expect(run.error?.code).toBe('CELL_TIMEOUT');
    expect(disposed).toBe(true);
    // The 60 s sleep ended (it outlasts this test's own timeout, so only the cap's abort can have ended it), and no step
    // ran after it.
    expect(stepEvents(run.trace.events)).toEqual(['ready:start', 'ready:end:initialized', 'sleep:start', 'sleep:end']);
  });

  it('stops at once when the run is interrupted, reporting INTERRUPTED', async () => {
    const stop = new AbortController();
    const cell = runCell({
      scenario: scenario([{ op: 'ready' }, { op: 'sleep', ms: 60_000 }]),
      transport: 'stdio',
      target: inMemoryTarget(),
      timeoutMs: 60_000,
      signal: stop.signal,
      bind,
    });
    setTimeout(() => stop.abort(), 50);
    const run = await cell;
    expect(run.error?.code).toBe('INTERRUPTED');
  });

  it('halts the steps, without a harness error, when the target never initializes', async () => {
    const run = await runCell({
      scenario: scenario([{ op: 'ready', timeoutMs: 100 }, { op: 'add', item: 'tools', value: { name: 'beta' } }]),
      transport: 'stdio',
      target: inMemoryTarget({ silent: true }),
      timeoutMs: 5_000,
      bind,
    });
    expect(run.error).toBeUndefined();
    expect(stepEvents(run.trace.events)).toEqual(['ready:start', 'ready:end:not ready: no MCP session initialized within 100 ms']);
  });

  it('judges a target that never re-lists from its trace: the refresh wait runs out and says so', async () => {
    const run = await runCell({
      scenario: scenario([
        { op: 'ready' },
        { op: 'add', item: 'tools', value: { name: 'beta' } },
        { op: 'notify', list: 'tools' },
        { op: 'await-refresh', timeoutMs: 100 },
      ]),
      transport: 'stdio',
      target: inMemoryTarget({ reacts: false }),
      timeoutMs: 5_000,
      bind,
    });
    expect(run.error).toBeUndefined();
    expect(stepEvents(run.trace.events)).toContain('await-refresh:end:tools: no re-list');
  });
});
