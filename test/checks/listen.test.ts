import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { ScenarioSchema } from '../../src/model/scenario-schema.js';
import type { Trace } from '../../src/trace/trace.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const tools = ['a', 'b'];

function listen(b: TraceBuilder, subscription: string, requested: string[], honoured = requested): TraceBuilder {
  return b
    .push({ kind: 'listen-opened', session: 's1', stream: `listen-${subscription}`, subscription, requested, honoured })
    .push({ kind: 'listen-acknowledged', session: 's1', stream: `listen-${subscription}`, subscription, delivered: true });
}

describe('reopens-listen', () => {
  /** A listen stream the server drops at t=100; the client then re-opens (or not) and re-lists (or not). */
  function dropped(client: { reopenAfterMs?: number; relist?: boolean }): Trace {
    const b = listen(new TraceBuilder().modern().opened().relist('tools', tools, 0), '1', ['tools']).wait(100)
      .push({ kind: 'listen-closed', session: 's1', stream: 'listen-1', subscription: '1', reason: 'dropped by server', by: 'server' })
      .mutate('c', 1).notify('tools', false);
    if (client.reopenAfterMs !== undefined) listen(b.wait(client.reopenAfterMs), '2', ['tools']);
    if (client.relist) b.wait(5).relist('tools', [...tools, 'c'], 1);
    return b.wait(1_000).snapshot({ tools: [...tools, 'c'] }, 1).build();
  }
  it('passes when the client opens a new listen stream and lists again', () => {
    expect(evaluateCheck('reopens-listen', dropped({ reopenAfterMs: 30, relist: true }))).toMatchObject({
      status: 'pass',
      measurements: { reopenMs: 30, relistMs: 35 },
    });
  });
  it('reports, as a MAY of 2026-07-28 (never a failure), a client that never opens a new listen stream', () => {
    const result = evaluateCheck('reopens-listen', dropped({}));
    expect(result).toMatchObject({ status: 'info', severity: 'MAY', revision: '2026-07-28', clause: { keyword: 'MAY' } });
    expect(result.message).toMatch(/\(a MAY in 2026-07-28: measured, not required\)$/);
    expect(result.message).toMatch(/no new subscriptions\/listen came/);
    // The trace covers only 1 s after the drop, less than the deadline: a re-run may still see it.
    expect(result.decisive).toBeUndefined();
  });
  it('is decisive when no listen stream came in a window longer than the deadline', () => {
    const b = listen(new TraceBuilder().modern().opened().relist('tools', tools, 0), '1', ['tools']).wait(100)
      .push({ kind: 'listen-closed', session: 's1', stream: 'listen-1', subscription: '1', reason: 'dropped by server', by: 'server' });
    expect(evaluateCheck('reopens-listen', b.wait(6_000).snapshot({ tools }).build())).toMatchObject({ status: 'info', decisive: true });
  });
  it('reports a client that re-opens but never lists again (nothing is replayed in this era)', () => {
    const result = evaluateCheck('reopens-listen', dropped({ reopenAfterMs: 30 }));
    expect(result.status).toBe('info');
    expect(result.message).toMatch(/did not list tools\/list again once it was acknowledged/);
  });
  it('does not count a re-list made before the new stream was acknowledged', () => {
    const b = listen(new TraceBuilder().modern().opened().relist('tools', tools, 0), '1', ['tools']).wait(100)
      .push({ kind: 'listen-closed', session: 's1', stream: 'listen-1', subscription: '1', reason: 'dropped by server', by: 'server' })
      .wait(10).relist('tools', tools, 0).wait(20);
    listen(b, '2', ['tools']);
    expect(evaluateCheck('reopens-listen', b.wait(1_000).build())).toMatchObject({
      status: 'info',
      message: expect.stringMatching(/did not list tools\/list again once it was acknowledged/),
    });
  });
  it('is not testable when the server ended the stream gracefully, with its result', () => {
    const trace = listen(new TraceBuilder().modern().opened().relist('tools', tools, 0), '1', ['tools']).wait(100)
      .push({ kind: 'listen-closed', session: 's1', stream: 'listen-1', subscription: '1', reason: 'ended by server with a result', by: 'server' })
      .wait(1_000).build();
    expect(evaluateCheck('reopens-listen', trace)).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the scenario never ended a listen stream/) });
  });
  it('is not applicable in a 2025 cell: the rule exists only in 2026-07-28', () => {
    expect(evaluateCheck('reopens-listen', new TraceBuilder().opened().build())).toMatchObject({ status: 'skip', message: 'not applicable in 2025-11-25: the rule it judges is in 2026-07-28' });
  });
  it('reports a re-open past the deadline (measured: a MAY of 2026-07-28)', () => {
    // A MAY of 2026-07-28: the late re-open is measured (info), never a failure, and a re-run may still see it in time.
    const result = evaluateCheck('reopens-listen', dropped({ reopenAfterMs: 6_000, relist: true }));
    expect(result).toMatchObject({ status: 'info', severity: 'MAY', message: expect.stringMatching(/past the 5000 ms deadline/) });
  });
  it('is not testable when the target never listened', () => {
    const trace = new TraceBuilder().modern().opened().relist('tools', tools, 0).build();
    expect(evaluateCheck('reopens-listen', trace)).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the target never opened a subscriptions\/listen stream/) });
  });
});

describe('lists-after-ack', () => {
  /** A listen opened at t=0 and acknowledged at t=400; the client lists at `listAtMs`; a change is kept from the stream at t=300. */
  function acked(listAtMs: number, held = true): Trace {
    const b = new TraceBuilder().modern().opened()
      .push({ kind: 'listen-opened', session: 's1', stream: 'listen-1', subscription: '1', requested: ['tools'], honoured: ['tools'] });
    if (listAtMs < 300) b.wait(listAtMs).relist('tools', tools, 0).wait(300 - listAtMs - 1);
    else b.wait(300);
    if (held) {
      b.mutate('c', 1).push({
        kind: 'notification', session: 's1', method: 'notifications/tools/list_changed', delivered: false,
        reason: 'listen 1 not acknowledged yet', subscription: '1',
      });
    }
    b.wait(100);
    b.push({ kind: 'listen-acknowledged', session: 's1', stream: 'listen-1', subscription: '1', delivered: true });
    if (listAtMs >= 400) b.wait(listAtMs - 400).relist('tools', tools, 1);
    return b.build();
  }
  it('passes when the client lists after the acknowledgement', () => {
    expect(evaluateCheck('lists-after-ack', acked(410))).toMatchObject({ status: 'pass', measurements: { ackAt: 400 } });
  });
  it('fails when the client listed only before the acknowledgement', () => {
    const result = evaluateCheck('lists-after-ack', acked(5));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/tools\/list last 395 ms before/);
  });
  it('is not testable when no change was kept from the stream before its acknowledgement (nothing was lost)', () => {
    expect(evaluateCheck('lists-after-ack', acked(5, false))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no change was kept from the listen stream/) });
  });
  it('is not testable when no listen stream was acknowledged', () => {
    expect(evaluateCheck('lists-after-ack', new TraceBuilder().modern().opened().relist('tools', tools, 0).build()).status).toBe('untested');
  });
});

describe('ttl-invalidation', () => {
  /** Lists served with ttlMs 1500: listed at t=0, a list_changed at t=100, then the client's re-lists at `relistsAt`. */
  function cached(relistsAt: number[], ttlMs = 1_500): Trace {
    const b = new TraceBuilder().modern().opened().relist('tools', tools, 0).wait(99).mutate('c', 1).notify();
    let now = 100;
    for (const at of relistsAt) {
      b.wait(at - now).relist('tools', [...tools, 'c'], 1);
      now = at + 1;
    }
    const trace = b.wait(3_500).snapshot({ tools: [...tools, 'c'] }, 1).build();
    return { ...trace, meta: { ...trace.meta, scenario: ScenarioSchema.parse({ ...trace.meta.scenario, ttlMs }) } };
  }
  it('passes when the client re-lists on the notification and not again on the TTL', () => {
    expect(evaluateCheck('ttl-invalidation', cached([160]))).toMatchObject({ status: 'pass', measurements: { relistMs: 60 } });
  });
  it('fails when the client waits for the TTL to run out instead', () => {
    const result = evaluateCheck('ttl-invalidation', cached([1_600]));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/only at t=1600, after that TTL ran out at t=1500/);
    expect(result.decisive).toBeUndefined();
  });
  it('fails decisively when the client never lists again, long past the TTL', () => {
    const result = evaluateCheck('ttl-invalidation', cached([]));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/listed again neither before nor after that TTL ran out/);
    expect(result.decisive).toBe(true);
  });
  it('fails when the client also re-lists every time the TTL runs out', () => {
    const result = evaluateCheck('ttl-invalidation', cached([160, 1_661, 3_162]));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/2 more time\(s\) with nothing announced, 1501, 1501 ms apart.*polling interval/);
  });
  it('is not testable when lists carry no TTL', () => {
    expect(evaluateCheck('ttl-invalidation', cached([160], 0))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the scenario served its lists with ttlMs 0/) });
  });
});

describe('listen-filters', () => {
  /** Tools and prompts announce changes, resources do not; the client reads all three. */
  function filtered(requested: string[]): Trace {
    const b = listen(new TraceBuilder().modern().opened(), '1', requested)
      .relist('tools', tools, 0).relist('resources', ['mock://r'], 0).relist('prompts', ['p'], 0);
    const trace = b.build();
    const scenario = ScenarioSchema.parse({
      ...trace.meta.scenario,
      capabilities: {
        tools: { listChanged: true },
        resources: { listChanged: false, subscribe: false },
        prompts: { listChanged: true },
      },
    });
    return { ...trace, meta: { ...trace.meta, scenario } };
  }
  it('passes when the client asks for every announced list it reads', () => {
    const result = evaluateCheck('listen-filters', filtered(['tools', 'prompts']));
    expect(result).toMatchObject({ status: 'pass', measurements: { asked: 'tools,prompts' } });
  });
  it('fails when a list it reads is announced but not asked for', () => {
    const result = evaluateCheck('listen-filters', filtered(['tools']));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/reads prompts\/list.*never hears that prompts changed/);
  });
  it('reports (does not fail) a list asked for that it never reads', () => {
    const trace = listen(new TraceBuilder().modern().opened(), '1', ['tools', 'resources']).relist('tools', tools, 0).build();
    expect(evaluateCheck('listen-filters', trace)).toMatchObject({ status: 'info' });
  });
  it('is not testable without a listen stream', () => {
    expect(evaluateCheck('listen-filters', new TraceBuilder().modern().opened().relist('tools', tools, 0).build()).status).toBe('untested');
  });
});
