import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const before = ['a', 'b'];
const after = ['a', 'b', 'c'];

/**
 * A gateway cell with the probe (A) and a second user (B), one upstream session each: a tool is added and announced on
 * both. `tellB`: B is told and re-lists; `bFinal`: what B's last list shows.
 */
function twoUsers(options: { tellB: boolean; bFinal: string[] }): TraceBuilder {
  const b = new TraceBuilder().gateway().opened('s1').opened('s2').snapshot({ tools: before })
    .push({ kind: 'probe-connected', attempt: 1 }).probeList('tools', before, 'initial')
    .push({ kind: 'probe-connected', attempt: 1, probe: 'B' })
    .push({ kind: 'probe-list', list: 'tools', reason: 'initial', requestedT: 0, names: before, keys: before, probe: 'B' })
    .wait(100).mutate('c', 1).fanout('tools', ['s1', 's2']).wait(5).probeNote().wait(2).probeList('tools', after, 'notification', 2);
  if (options.tellB) {
    b.push({ kind: 'probe-notification', method: 'notifications/tools/list_changed', probe: 'B' })
      .push({ kind: 'probe-list', list: 'tools', reason: 'notification', requestedT: 0, names: after, keys: after, probe: 'B' });
  }
  b.wait(500).probeList('tools', after, 'final');
  b.push({ kind: 'probe-list', list: 'tools', reason: 'final', requestedT: 0, names: options.bFinal, keys: options.bFinal, probe: 'B' });
  return b.snapshot({ tools: after }, 1);
}

describe('gw-tells-every-user', () => {
  it('passes when every user is told and ends current, with the upstream sessions told and the gateway\'s refreshes', () => {
    expect(evaluateCheck('gw-tells-every-user', twoUsers({ tellB: true, bFinal: after }).build())).toMatchObject({
      status: 'pass',
      message: 'tools: 2 of 2 users told, 2 current, 0 gateway refresh(es) upstream',
      measurements: { 'users': 2, 'tools.told': 2, 'tools.current': 2, 'tools.upstreamSessionsTold': 2, 'tools.gatewayRefreshes': 0 },
    });
  });
  it('fails a gateway that tells only the user whose session heard the change', () => {
    expect(evaluateCheck('gw-tells-every-user', twoUsers({ tellB: false, bFinal: after }).build())).toMatchObject({
      status: 'fail',
      message: 'B (--also-downstream) never told of the tools change, while A (--downstream) was',
    });
  });
  it('fails a user left with the old list while another has the new one', () => {
    expect(evaluateCheck('gw-tells-every-user', twoUsers({ tellB: true, bFinal: before }).build())).toMatchObject({
      status: 'fail',
      message: 'B (--also-downstream) still lists old tools (upstream revision 1), while A (--downstream) lists the final ones',
    });
  });
  it('is untested with one user, with a user that never connected, and when no user was told', () => {
    const alone = new TraceBuilder().gateway().opened().snapshot({ tools: before }).push({ kind: 'probe-connected', attempt: 1 }).notify().build();
    expect(evaluateCheck('gw-tells-every-user', alone)).toMatchObject({
      status: 'untested',
      message: expect.stringContaining('the probe was the gateway\'s only user: give --also-downstream <URL>'),
    });
    const gaveUp = new TraceBuilder().gateway().opened().push({ kind: 'probe-connected', attempt: 1 })
      .push({ kind: 'probe-error', message: 'never connected within the gateway\'s start-up time: ECONNREFUSED', probe: 'B' }).build();
    expect(evaluateCheck('gw-tells-every-user', gaveUp)).toMatchObject({
      status: 'untested',
      message: expect.stringContaining('not every user connected: B (--also-downstream): never connected'),
    });
    const nobody = new TraceBuilder().gateway().opened().snapshot({ tools: before }).push({ kind: 'probe-connected', attempt: 1 })
      .push({ kind: 'probe-connected', attempt: 1, probe: 'B' }).notify().wait(10).snapshot({ tools: before }).build();
    expect(evaluateCheck('gw-tells-every-user', nobody)).toMatchObject({
      status: 'untested',
      message: 'no user was told of the tools change (gw-relays-notification judges that)',
    });
  });
});

describe('the other gateway checks read the probe alone', () => {
  it('judge a cell the same with or without a second user\'s events', () => {
    const withB = twoUsers({ tellB: false, bFinal: before }).build();
    const probeOnly = { ...withB, events: withB.events.filter((event) => !('probe' in event) || event.probe === undefined) };
    for (const id of ['gw-converges', 'gw-relays-notification', 'gw-relay-after-update', 'gw-advertises-list-changed', 'target-connects']) {
      const { status, message } = evaluateCheck(id, probeOnly);
      expect(evaluateCheck(id, withB), id).toMatchObject({ status, message });
    }
    // B's stale list is not the probe's: gw-converges passes, gw-tells-every-user alone fails.
    expect(evaluateCheck('gw-converges', withB).status).toBe('pass');
  });
});
