import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const base = ['a', 'b'];

/**
 * A leading gateway with a long window (ContextForge's class): the first change of pair 1 starts a refresh, held by the
 * scenario and answered with the revision it asked at; the second change is dropped; pair 2, a second later, is ignored.
 */
function leading(declared?: number): TraceBuilder {
  const b = new TraceBuilder().opened().snapshot({ tools: base });
  if (declared !== undefined) b.expectDebounce(declared);
  b.wait(100).mutate('p0a', 1).notify().wait(5).request('tools').wait(25).mutate('p0b', 2).notify().wait(100).serve('tools', [...base, 'p0a'], 1);
  b.wait(900).mutate('p1a', 3).notify().wait(100).mutate('p1b', 4).notify().wait(500);
  return b;
}

/** A trailing 50 ms debounce that keeps every change: pair 1 (30 ms) is one refresh, pair 2 (200 ms) two. */
function trailing(declared?: number): TraceBuilder {
  const b = new TraceBuilder().opened().snapshot({ tools: base });
  if (declared !== undefined) b.expectDebounce(declared);
  b.wait(100).mutate('p0a', 1).notify().wait(30).mutate('p0b', 2).notify().wait(50).relist('tools', [...base, 'p0a', 'p0b'], 2);
  b.wait(400).mutate('p1a', 3).notify().wait(50).relist('tools', [...base, 'p0a', 'p0b', 'p1a'], 3);
  b.wait(150).mutate('p1b', 4).notify().wait(50).relist('tools', [...base, 'p0a', 'p0b', 'p1a', 'p1b'], 4);
  return b.wait(400);
}

describe('gw-debounce-window', () => {
  it('measures a leading window that loses changes, as info when no window is declared', () => {
    expect(evaluateCheck('gw-debounce-window', leading().build())).toMatchObject({
      status: 'info',
      measurements: { policy: 'leading', windowLowMs: 1030, windowHighMs: null, changesInWindow: 'lost', pairs: '30ms→1 lost, 100ms→0 lost' },
    });
  });
  it('passes a leading window that fits the declared one', () => {
    expect(evaluateCheck('gw-debounce-window', leading(5_000).build())).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(
        /^matches the declared 5000 ms: leading refresh, window ≥ 1030 ms; changes inside the window: lost/u,
      ),
    });
  });
  it('fails a leading window against a shorter declared one', () => {
    expect(evaluateCheck('gw-debounce-window', leading(50).build())).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^declared a 50 ms window \(±100 ms\); measured leading refresh, window ≥ 1030 ms/),
    });
  });
  it('measures a trailing debounce that keeps changes, and passes its declared window', () => {
    expect(evaluateCheck('gw-debounce-window', trailing(50).build())).toMatchObject({
      status: 'pass',
      measurements: { policy: 'trailing', windowLowMs: 30, windowHighMs: 201, trailingDelayMs: 50, changesInWindow: 'kept' },
    });
  });
  it('fails a trailing debounce against a longer declared window', () => {
    expect(evaluateCheck('gw-debounce-window', trailing(1_000).build())).toMatchObject({ status: 'fail', measurements: { policy: 'trailing' } });
  });
  it('leaves a forwarder untested: only its users\' lists reached the upstream', () => {
    const b = new TraceBuilder().opened().snapshot({ tools: base });
    for (let i = 0; i < 4; i++) {
      b.wait(100).mutate(`x${i}`, i + 1).notify().wait(5).request('tools', { probeMarker: `notification-${i}` }).wait(1).serve('tools', base, i + 1);
    }
    expect(evaluateCheck('gw-debounce-window', b.build())).toMatchObject({ status: 'untested', message: expect.stringMatching(/no refresh policy to measure/) });
  });
  it('leaves a run with fewer than two pairs untested', () => {
    const trace = new TraceBuilder().opened().snapshot({ tools: base }).mutate('x', 1).notify().wait(5).relist('tools', [...base, 'x'], 1).build();
    expect(evaluateCheck('gw-debounce-window', trace)).toMatchObject({ status: 'untested', message: expect.stringMatching(/1 reached it/) });
  });
});

describe('gw-converges after the declared window', () => {
  const after = (declared?: number) => {
    const b = new TraceBuilder().opened().snapshot({ tools: base });
    if (declared !== undefined) b.expectDebounce(declared);
    return b.mutate('c', 1).notify().wait(10).relist('tools', [...base, 'c'], 1).wait(500).probeList('tools', [...base, 'c'], 'final').snapshot({ tools: [...base, 'c'] }, 1).build();
  };
  it('is untested when no window was declared, and says how to declare it', () => {
    expect(evaluateCheck('gw-converges', after(), { needsWindow: true })).toMatchObject({ status: 'untested', message: expect.stringMatching(/pass --debounce <ms>/) });
  });
  it('judges the catalogue when the window was declared', () => {
    expect(evaluateCheck('gw-converges', after(1_000), { needsWindow: true })).toMatchObject({ status: 'pass' });
  });
});

describe('gw-converges when the gateway stopped answering its user', () => {
  const trace = (finalFails: boolean) => {
    const b = new TraceBuilder().opened().snapshot({ tools: base }).probeList('tools', base, 'initial').wait(100).mutate('c', 1).notify().wait(10);
    b.relist('tools', [...base, 'c'], 1).wait(1_000);
    if (finalFails) b.push({ kind: 'probe-error', list: 'tools', message: 'tools list failed: HTTP 429 Rate limit exceeded' });
    else b.probeList('tools', [...base, 'c'], 'final');
    return b.snapshot({ tools: [...base, 'c'] }, 1).build();
  };
  it('leaves the view untested when the last list failed, rather than judging an older one', () => {
    expect(evaluateCheck('gw-converges', trace(true))).toMatchObject({
      status: 'untested',
      message: expect.stringMatching(
        /^the gateway's final view could not be read: the probe's last tools list failed at t=\d+ \(tools list failed: HTTP 429/u,
      ),
    });
  });
  it('judges the final list when it was read', () => {
    expect(evaluateCheck('gw-converges', trace(false))).toMatchObject({ status: 'pass' });
  });
});

describe('gw-converges when the gateway died', () => {
  it('leaves the view untested: target-survives judges a gateway that exited by itself', () => {
    const trace = new TraceBuilder().opened().snapshot({ tools: base }).probeList('tools', base, 'initial').wait(100)
      .push({ kind: 'target-exited', code: 1, signal: null, expected: false }).wait(500).snapshot({ tools: [...base, 'c'] }, 1).build();
    expect(evaluateCheck('gw-converges', trace)).toMatchObject({
      status: 'untested',
      message: expect.stringMatching(/the gateway exited at t=\d+ \(code 1\); the probe's last tools list was at t=\d+/u),
    });
  });
});

describe('gw-converges after the cell ended', () => {
  it('ignores a re-list that failed once the probe had left: the final list was read', () => {
    const trace = new TraceBuilder().opened().snapshot({ tools: base }).mutate('c', 1).notify().wait(10).relist('tools', [...base, 'c'], 1)
      .wait(500).probeList('tools', [...base, 'c'], 'final').snapshot({ tools: [...base, 'c'] }, 1).wait(10)
      .push({ kind: 'probe-error', list: 'tools', message: 'tools list failed: MCP error -32000: Connection closed' }).build();
    expect(evaluateCheck('gw-converges', trace)).toMatchObject({ status: 'pass' });
  });
});
