import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
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
  it('classifies a forwarder (relays; its upstream lists carry the probe\'s marker)', () => {
    const trace = new TraceBuilder().opened().notify().wait(3).probeNote().wait(1).request('tools', { probeMarker: 'notification-3' }).wait(1)
      .serve('tools', after, 1)
      .push({ kind: 'probe-list', list: 'tools', reason: 'notification', requestedT: 4, names: after, keys: after }).build();
    expect(evaluateCheck('gw-relays-notification', trace)).toMatchObject({ status: 'pass', measurements: { class: 'forwarder', attributedBy: 'marker' } });
  });
  it('fails a snapshot gateway that never tells its users', () => {
    const trace = new TraceBuilder().opened().notify().wait(4000).probeList('tools', before, 'final').build();
    // Nothing in 4 s against a 3 s deadline: decisive, not played again.
    expect(evaluateCheck('gw-relays-notification', trace)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/none came in the 4000 ms after it \(snapshot gateway\)/),
      measurements: { class: 'snapshot' },
      decisive: true,
    });
  });
  it('leaves a relay that is only late open to a re-run', () => {
    const trace = new TraceBuilder().opened().notify().wait(3500).probeNote().wait(10).probeList('tools', after, 'final').build();
    const result = evaluateCheck('gw-relays-notification', trace);
    expect(result).toMatchObject({ status: 'fail', message: expect.stringMatching(/relayed 3500 ms after the upstream one, 500 ms past/) });
    expect(result.decisive).toBeUndefined();
  });
});

describe('gw-relays-notification over every list the scenario changed', () => {
  const changedTwo = (relayPrompts: boolean) => {
    const b = new TraceBuilder().opened().fanout('tools').fanout('prompts').wait(40).probeNote('tools');
    if (relayPrompts) b.wait(10).probeNote('prompts');
    return b.wait(4_000).probeList('tools', after, 'final').build();
  };
  it('passes a gateway that tells its users of each list, naming each', () => {
    expect(evaluateCheck('gw-relays-notification', changedTwo(true))).toMatchObject({
      status: 'pass',
      message: 'tools: downstream list_changed 40 ms after the upstream one (forwarder gateway); ' +
        'prompts: downstream list_changed 50 ms after the upstream one (forwarder gateway)',
      measurements: { lists: 'tools,prompts' },
    });
  });
  it('fails a gateway that relays tools and drops prompts, however well it does tools', () => {
    const result = evaluateCheck('gw-relays-notification', changedTwo(false));
    expect(result).toMatchObject({ status: 'fail', decisive: true, measurements: { lists: 'tools,prompts' } });
    // Each list's counts in one report, in the same unit: one send each, told of tools once and of prompts never.
    expect(result.measurements).toMatchObject({
      'tools.upstreamSent': 1, 'tools.upstreamDelivered': 1, 'tools.downstreamNotifications': 1, 'tools.latencyMs': 40,
      'prompts.upstreamSent': 1, 'prompts.upstreamDelivered': 1, 'prompts.downstreamNotifications': 0, 'prompts.latencyMs': null,
    });
    expect(result.message).toMatch(/^tools: downstream list_changed 40 ms after the upstream one .*; prompts: /);
    expect(result.message).toMatch(/; prompts: expected a downstream prompts list_changed within 3000 ms/);
  });
  it('judges only the named list when a scenario names one', () => {
    expect(evaluateCheck('gw-relays-notification', changedTwo(false), { list: 'tools' })).toMatchObject({ status: 'pass' });
  });
});

describe('gw-relays-notification, when the scenario held the gateway\'s refresh', () => {
  it('counts the deadline from the release: the time the harness held the answer is not the gateway\'s', () => {
    const trace = new TraceBuilder().opened().notify().wait(2)
      .push({ kind: 'response-held', session: 's1', method: 'tools/list', requestId: 7 }).wait(2_900)
      .push({ kind: 'response-released', session: 's1', method: 'tools/list', requestId: 7 }).wait(100).probeNote().wait(5).probeList('tools', after, 'final').build();
    expect(evaluateCheck('gw-relays-notification', trace)).toMatchObject({
      status: 'pass',
      message: 'downstream list_changed 100 ms after the release of the upstream list answer the scenario held (forwarder gateway)',
      measurements: { latencyMs: 100, heldMs: 2_902 },
    });
  });
  it('still fails a gateway that stays silent after the release', () => {
    const trace = new TraceBuilder().opened().notify().wait(1_500)
      .push({ kind: 'response-released', session: 's1', method: 'tools/list', requestId: 7 }).wait(4_000).probeList('tools', before, 'final').build();
    expect(evaluateCheck('gw-relays-notification', trace)).toMatchObject({
      status: 'fail',
      message: 'expected a downstream tools list_changed within 3000 ms of the release of the upstream list answer the scenario held at ' +
        't=1500; none came in the 4000 ms after it (snapshot gateway)',
      decisive: true,
    });
  });
});

describe('gw-advertises-list-changed', () => {
  const connected = (announces: ('tools' | 'resources' | 'prompts')[]) =>
    new TraceBuilder().opened().push({ kind: 'probe-connected', attempt: 1, announces }).wait(50).notify('tools').notify('prompts').wait(5);
  it('passes a gateway that relays only lists it advertises, and reports the upstream\'s beside them', () => {
    const trace = connected(['tools', 'resources', 'prompts']).probeNote('tools').probeNote('prompts').build();
    expect(evaluateCheck('gw-advertises-list-changed', trace)).toMatchObject({
      status: 'pass',
      severity: 'best-practice',
      message: 'it relayed [tools, prompts], each advertised with listChanged (it advertises listChanged for [tools, resources, prompts]; the upstream for [tools, resources, prompts])',
      measurements: { advertised: 'tools,resources,prompts', relayed: 'tools,prompts', upstreamAdvertised: 'tools,resources,prompts' },
    });
  });
  it('fails a gateway that relays a list it declares without listChanged', () => {
    const trace = connected(['tools']).probeNote('tools').probeNote('prompts').build();
    expect(evaluateCheck('gw-advertises-list-changed', trace)).toMatchObject({
      status: 'fail',
      severity: 'best-practice',
      message: 'it relayed changes to [prompts] without advertising listChanged for it (it advertises listChanged for [tools]; the upstream for [tools, resources, prompts])',
    });
  });
  it('is untested when the gateway relayed nothing, or the probe never connected', () => {
    expect(evaluateCheck('gw-advertises-list-changed', connected([]).build())).toMatchObject({
      status: 'untested',
      message: 'the gateway relayed no list change downstream (it advertises listChanged for []; the upstream for [tools, resources, prompts])',
    });
    expect(evaluateCheck('gw-advertises-list-changed', new TraceBuilder().opened().notify().build())).toMatchObject({ status: 'untested' });
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
    expect(evaluateCheck('gw-converges', trace)).toMatchObject({ status: 'fail', message: expect.stringMatching(/downstream tools .* lacks \[c\]/) });
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
    expect(evaluateCheck('gw-coalesces', storm(true).build())).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/re-listed upstream 10 times .* sent 10 downstream notifications/),
    });
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
    expect(evaluateCheck('gw-survives-teardown', torn(true))).toMatchObject({
      status: 'pass',
      message: 'reconnected upstream 300 ms after the terminate-session, on its own, and kept serving downstream',
      measurements: { reconnectMs: 300, neededCall: false },
    });
  });
  it('says a lazy gateway reconnected only once its user called a tool', () => {
    const trace = new TraceBuilder().opened().push({ kind: 'fault', fault: 'terminate-session', session: 's1' }).wait(10_000)
      .push({ kind: 'step', index: 5, op: 'probe-call', phase: 'start' }).wait(40)
      .push({ kind: 'session-initialized', session: 's2', protocolVersion: '2025-11-25' }).wait(500).probeList('tools', after, 'final').build();
    expect(evaluateCheck('gw-survives-teardown', trace)).toMatchObject({
      status: 'pass',
      message: 'reconnected upstream 10040 ms after the terminate-session, once its user called a tool (40 ms after the call: it reconnects ' +
        'lazily), and kept serving downstream',
      measurements: { neededCall: true },
    });
  });
  it('fails when the gateway dies', () => {
    expect(evaluateCheck('gw-survives-teardown', torn(false, true))).toMatchObject({ status: 'fail', message: expect.stringMatching(/the gateway exited \(code 4\)/) });
  });
  it('fails when it never reconnects upstream', () => {
    expect(evaluateCheck('gw-survives-teardown', torn(false))).toMatchObject({ status: 'fail', message: expect.stringMatching(/never connected upstream again/) });
  });
});

describe('attribution by session', () => {
  /** A gateway that answers its users from a cache and re-lists upstream once per notification, while the probe polls. */
  function perNotificationRefresher(): TraceBuilder {
    const b = new TraceBuilder().opened().snapshot({ tools: before })
      .probeList('tools', before, 'initial').wait(5).probeList('tools', before, 'calibrate').wait(100);
    for (let i = 0; i < 20; i++) {
      // A poll is in flight exactly when the gateway's own re-list goes out: overlap alone proves nothing.
      b.fanout('tools', ['s1', 's2']).wait(1).relist('tools', before, 0).wait(1).probeList('tools', before, 'poll', 3).wait(5);
    }
    return b.probeNote().wait(2).probeList('tools', before, 'notification').wait(500).probeList('tools', before, 'final');
  }

  it('counts every upstream re-list of a gateway that answers from its cache, polls overlapping or not', () => {
    const result = evaluateCheck('gw-coalesces', perNotificationRefresher().build());
    expect(result).toMatchObject({ status: 'fail', measurements: { class: 'refreshing', gatewayRelists: 20, passedThroughLists: 0 } });
    expect(result.message).toMatch(/re-listed upstream 20 times/);
  });

  it('reports sends, not deliveries: 20 sent to two sessions is 20 sent and 40 delivered', () => {
    expect(evaluateCheck('gw-coalesces', perNotificationRefresher().build())).toMatchObject({
      status: 'fail',
      measurements: { upstreamSent: 20, upstreamDelivered: 40, deliveriesPerSession: 's1: 20/20, s2: 20/20' },
    });
  });

  it('learns from the two start-up lists that a gateway which drops the marker passes its users\' lists through', () => {
    const trace = new TraceBuilder().opened().snapshot({ tools: before })
      .request('tools').wait(1).serve('tools', before, 0).probeList('tools', before, 'initial', 2).wait(5)
      .request('tools').wait(1).serve('tools', before, 0).probeList('tools', before, 'calibrate', 2).wait(100)
      .mutate('c', 1).fanout().wait(3).probeNote().wait(1).request('tools').wait(1).serve('tools', after, 1)
      .probeList('tools', after, 'notification', 2).wait(500).probeList('tools', after, 'final').snapshot({ tools: after }, 1)
      .build();
    expect(evaluateCheck('gw-relays-notification', trace)).toMatchObject({
      status: 'pass',
      measurements: { class: 'forwarder', attributedBy: 'calibration', gatewayRelists: 0, passedThroughLists: 3 },
    });
  });

  it('counts a list the gateway makes to answer the probe\'s list of another kind as the probe\'s, not a refresh', () => {
    // A proxy that lists tools upstream whenever it answers resources/list, and never tells its users of a change.
    const withTools = (b: TraceBuilder, reason: 'initial' | 'calibrate' | 'final') =>
      b.request('tools').wait(1).serve('tools', before, 0).probeList('tools', before, reason, 2).wait(1)
        .request('resources').wait(1).request('tools').wait(1).serve('tools', before, 0).probeList('resources', [], reason, 3).wait(5);
    const b = withTools(new TraceBuilder().opened().snapshot({ tools: before }), 'initial');
    withTools(b, 'calibrate').wait(100).fanout().wait(2).fanout().wait(4000);
    const result = evaluateCheck('gw-coalesces', withTools(b, 'final').build());
    expect(result).toMatchObject({
      status: 'untested',
      message: 'the gateway relayed none of the 2 notifications and re-listed nothing of its own (forwarder-drops-notifications): nothing to coalesce',
      measurements: { class: 'forwarder-drops-notifications', attributedBy: 'calibration', gatewayRelists: 0 },
    });
  });

  it('says no upstream session existed, and which flag helps, when a lazy gateway was never woken', () => {
    const trace = new TraceBuilder().snapshot({ tools: before }).probeList('tools', before, 'initial')
      .push({ kind: 'fanout', method: 'notifications/tools/list_changed', sessions: 0 }).wait(4000).build();
    const result = evaluateCheck('gw-relays-notification', trace);
    expect(result).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no upstream session was open .*\(drop --no-probe-call\)/) });
    expect(result.measurements).toMatchObject({ class: 'no-upstream-session', upstreamSent: 1, upstreamDelivered: 0 });
  });
});

describe('gw-converges through renaming', () => {
  const token = 'nc1a2b3c';
  const keys = ['alpha', 'delta'].map((name) => `${token}_${name}`);
  const slug = (key: string) => `mock-${key.replaceAll('_', '-').toUpperCase()}`;
  it('passes a gateway that slugs and re-cases names, and says it renames', () => {
    const trace = new TraceBuilder().snapshot({ tools: keys }).probeList('tools', keys, 'final', 1, slug).build();
    const result = evaluateCheck('gw-converges', trace);
    expect(result).toMatchObject({ status: 'pass', measurements: { renamed: true } });
    expect(result.message).toContain(`the gateway renames names (e.g. mock-NC1A2B3C-ALPHA for ${token}_alpha)`);
  });
  it('still fails a renamed view that lacks an item, and one that shows an extra one', () => {
    const stale = new TraceBuilder().snapshot({ tools: [keys[0] ?? ''] }).probeList('tools', [keys[0] ?? ''], 'final', 1, slug)
      .snapshot({ tools: keys }, 1).build();
    expect(evaluateCheck('gw-converges', stale)).toMatchObject({ status: 'fail', message: expect.stringMatching(new RegExp(`lacks \\[${token}_delta\\]`)) });
    const extra = new TraceBuilder().snapshot({ tools: keys }).probeList('tools', keys, 'final', 1, slug)
      .push({ kind: 'catalogue-mutated', revision: 1, op: 'remove', item: 'tools', key: keys[1] ?? '' }).snapshot({ tools: [keys[0] ?? ''] }, 1).build();
    expect(evaluateCheck('gw-converges', extra)).toMatchObject({ status: 'fail', message: expect.stringMatching(new RegExp(`still shows \\[${token}_delta\\]`)) });
  });
  it('does not read storm_1 inside storm_10', () => {
    const trace = new TraceBuilder().snapshot({ tools: [`${token}_storm-1`, `${token}_storm-10`] })
      .probeList('tools', [`${token}_storm-10`], 'final', 1, slug).build();
    expect(evaluateCheck('gw-converges', trace)).toMatchObject({ status: 'fail', message: expect.stringMatching(new RegExp(`lacks \\[${token}_storm-1\\]`)) });
  });
  it('treats a catalogue that could not be read as a failed observation, not an empty catalogue', () => {
    const trace = new TraceBuilder().snapshot({ tools: keys }).probeList('tools', keys, 'final').push({ kind: 'catalog-view', keys: [], status: 403 }).build();
    expect(evaluateCheck('gw-converges', trace)).toMatchObject({ status: 'fail', message: expect.stringContaining('could not be read (HTTP 403): a failed observation') });
  });
});

describe('gw-initializes-upstream', () => {
  it('passes when every upstream session began with initialize', () => {
    const trace = new TraceBuilder().opened().push({ kind: 'frame-received', session: 's1', message: { jsonrpc: '2.0', id: 0, method: 'initialize' } })
      .request('tools').build();
    expect(evaluateCheck('gw-initializes-upstream', trace)).toMatchObject({ status: 'pass', severity: 'MUST' });
  });
  it('fails naming a session the gateway used without initialize', () => {
    const trace = new TraceBuilder().opened('s2').request('tools', { session: 's2' }).build();
    expect(evaluateCheck('gw-initializes-upstream', trace)).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('1 of 1 upstream session(s) were used without initialize: session s2 began with tools/list'),
    });
  });
});

describe('gw-survives-teardown without an upstream session', () => {
  it('is Not testable, saying no upstream session existed, instead of "never tore the upstream down"', () => {
    const trace = new TraceBuilder().push({ kind: 'step', index: 0, op: 'teardown', phase: 'start' }).build();
    expect(evaluateCheck('gw-survives-teardown', trace)).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no upstream session existed when the scenario tore/) });
  });
});
