import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const before = ['a', 'b'];
const after = ['a', 'b', 'c'];

/** A refreshing gateway: upstream change → gateway re-lists upstream on its own → tells the probe → probe sees it. */
function refreshing(relayFirst = false): TraceBuilder {
  const b = new TraceBuilder().opened().snapshot({ tools: before }).probeList('tools', before, 'initial').wait(100).mutate('c', 1).notify().wait(20);
  if (relayFirst) b.probeNote().wait(2).probeList('tools', before, 'notification', 2).wait(30).relist('tools', after, 1);
  else b.relist('tools', after, 1).wait(2).probeNote().wait(2).probeList('tools', after, 'notification', 2);
  return b.wait(500).probeList('tools', after, 'final').snapshot({ tools: after }, 1);
}

describe('gw-relays-notification', () => {
  it('passes and classifies a refreshing gateway', () => {
    expect(evaluateCheck('gw-relays-notification', refreshing().build())).toMatchObject({ status: 'pass', measurements: { class: 'refreshing', gatewayRelists: 1 } });
  });
  it('classifies a forwarder (relays, never lists upstream on its own)', () => {
    const trace = new TraceBuilder().opened().notify().wait(3).probeNote().wait(1).request('tools').wait(1).serve('tools', after, 1)
      .push({ kind: 'probe-list', list: 'tools', reason: 'notification', requestedT: 4, names: after, keys: after }).build();
    expect(evaluateCheck('gw-relays-notification', trace).measurements.class).toBe('forwarder');
  });
  it('fails a snapshot gateway that never tells its users', () => {
    const trace = new TraceBuilder().opened().notify().wait(4000).probeList('tools', before, 'final').build();
    expect(evaluateCheck('gw-relays-notification', trace)).toMatchObject({ status: 'fail', measurements: { class: 'snapshot' } });
  });
});

describe('gw-converges', () => {
  it('passes when the final downstream list matches upstream through renaming', () => {
    expect(evaluateCheck('gw-converges', refreshing().build()).status).toBe('pass');
  });
  it('fails when the REST catalogue (a second view) is stale although MCP is current', () => {
    const trace = new TraceBuilder().snapshot({ tools: after }).probeList('tools', after, 'final').push({ kind: 'catalog-view', keys: before, status: 200 }).build();
    expect(evaluateCheck('gw-converges', trace)).toMatchObject({ status: 'fail', measurements: { catalogCurrent: false } });
    expect(evaluateCheck('gw-converges', trace).message).toContain('REST catalogue (HTTP 200) lacks [c]');
  });
  it('fails naming what downstream lacks', () => {
    const trace = new TraceBuilder().snapshot({ tools: before }).probeList('tools', before, 'final').snapshot({ tools: after }, 1).build();
    expect(evaluateCheck('gw-converges', trace).message).toMatch(/downstream tools .* lacks \[c\]/);
  });
});

describe('gw-relay-after-update', () => {
  it('passes when the list right after a relay already shows the change', () => {
    expect(evaluateCheck('gw-relay-after-update', refreshing().build()).status).toBe('pass');
  });
  it('fails when the gateway relays before it has the change', () => {
    expect(evaluateCheck('gw-relay-after-update', refreshing(true).build())).toMatchObject({ status: 'fail', measurements: { premature: 1 } });
  });
});

describe('gw-coalesces', () => {
  function storm(eachRelisted: boolean): TraceBuilder {
    const b = new TraceBuilder().opened().snapshot({ tools: before });
    for (let i = 1; i <= 10; i++) {
      b.mutate(`s${i}`, i).notify().wait(5);
      if (eachRelisted) b.relist('tools', before, i).probeNote();
    }
    if (!eachRelisted) b.wait(60).relist('tools', before, 10).probeNote();
    return b;
  }
  it('passes a refreshing gateway that coalesces', () => {
    expect(evaluateCheck('gw-coalesces', storm(false).build())).toMatchObject({ status: 'pass', measurements: { gatewayRelists: 1, downstreamNotifications: 1 } });
  });
  it('fails a refreshing gateway that re-lists and relays per notification', () => {
    expect(evaluateCheck('gw-coalesces', storm(true).build()).message).toMatch(/re-listed upstream 10 times .* sent 10 downstream notifications/);
  });
  it('reports a forwarder without judging it', () => {
    const b = new TraceBuilder().opened();
    for (let i = 0; i < 5; i++) b.notify().wait(1).probeNote().wait(5);
    expect(evaluateCheck('gw-coalesces', b.build()).status).toBe('info');
  });
});

describe('gw-survives-teardown', () => {
  const torn = (reconnect: boolean, dies = false) => {
    const b = new TraceBuilder().opened().push({ kind: 'fault', fault: 'terminate-session', session: 's1' }).wait(300);
    if (dies) b.push({ kind: 'target-exited', code: 4, signal: null, expected: false });
    if (reconnect) b.push({ kind: 'session-initialized', session: 's2', protocolVersion: '2025-11-25' });
    return b.wait(500).probeList('tools', after, 'final').build();
  };
  it('passes when the gateway reconnects and keeps serving', () => {
    expect(evaluateCheck('gw-survives-teardown', torn(true))).toMatchObject({ status: 'pass', measurements: { reconnectMs: 300 } });
  });
  it('fails when the gateway dies', () => {
    expect(evaluateCheck('gw-survives-teardown', torn(false, true)).message).toMatch(/the gateway exited \(code 4\)/);
  });
  it('fails when it never reconnects upstream', () => {
    expect(evaluateCheck('gw-survives-teardown', torn(false)).message).toMatch(/never connected upstream again/);
  });
});
