import { describe, expect, it } from 'vitest';
import { CHECKS, evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const tools = ['a', 'b'];
const toolsPlus = ['a', 'b', 'c'];

/** A good client: lists, gets a notification, re-lists 50 ms later and reports its view. */
function goodRefresh(): TraceBuilder {
  return new TraceBuilder().opened().snapshot({ tools }).relist('tools', tools, 0).view('tools', tools).wait(100)
    .mutate('c', 1).notify().wait(50).relist('tools', toolsPlus, 1).view('tools', toolsPlus).wait(500).snapshot({ tools: toolsPlus }, 1);
}

describe('relist-after-notify', () => {
  it('passes with the measured latency when the target re-lists in time', () => {
    const result = evaluateCheck('relist-after-notify', goodRefresh().build());
    expect(result).toMatchObject({ status: 'pass', measurements: { latencyMs: 50, notifications: 1 } });
    expect(result.evidence).toHaveLength(2);
  });
  it('fails when no re-list follows the last notification', () => {
    const trace = new TraceBuilder().opened().relist('tools', tools, 0).mutate('c', 1).notify().wait(4000).snapshot({ tools: toolsPlus }, 1).build();
    const result = evaluateCheck('relist-after-notify', trace);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/expected tools\/list within 3000 ms .* none came in the 4000 ms/);
    // Nothing in a window longer than the deadline: no slow moment explains it, so it is not played again.
    expect(result.decisive).toBe(true);
  });
  it('leaves a missing re-list open to a re-run when the trace ends before the deadline', () => {
    const trace = new TraceBuilder().opened().relist('tools', tools, 0).mutate('c', 1).notify().wait(1000).snapshot({ tools: toolsPlus }, 1).build();
    const result = evaluateCheck('relist-after-notify', trace);
    expect(result).toMatchObject({ status: 'fail', message: expect.stringMatching(/none came in the 1000 ms/) });
    expect(result.decisive).toBeUndefined();
  });
  it('fails, saying by how much, when the re-list is late (a slow moment could explain that: not decisive)', () => {
    const trace = new TraceBuilder().opened().notify().wait(3500).relist('tools', tools, 0).build();
    const result = evaluateCheck('relist-after-notify', trace);
    expect(result).toMatchObject({ status: 'fail', message: expect.stringMatching(/after 3500 ms \(500 ms late\)/) });
    expect(result.decisive).toBeUndefined();
  });
  it('is untested, saying why, when no notification was delivered', () => {
    const trace = new TraceBuilder().opened().notify('tools', false).build();
    expect(evaluateCheck('relist-after-notify', trace)).toMatchObject({ status: 'untested', message: expect.stringMatching(/not delivered: no standalone GET stream open/) });
  });
  it('only reports in observe-only mode', () => {
    expect(evaluateCheck('relist-after-notify', goodRefresh().build(), { observeOnly: true }).status).toBe('info');
  });
  /** Lists at 0, then on a 2 s timer; one change announced at 2.7 s, so the 4 s poll lands 1.3 s after it. */
  const poller = () => new TraceBuilder().opened().relist('tools', tools, 0).at(2_000).relist('tools', tools, 0)
    .at(2_700).mutate('c', 1).notify().at(4_000).relist('tools', toolsPlus, 1).at(6_000).relist('tools', toolsPlus, 1)
    .at(6_500).snapshot({ tools: toolsPlus }, 1);
  it('does not credit a poll that happens to land inside the deadline', () => {
    const result = evaluateCheck('relist-after-notify', poller().build());
    expect(result).toMatchObject({ status: 'fail', measurements: { classification: 'polls every ~2000 ms', latencyMs: null, relists: 2 } });
    expect(result.message).toMatch(/none is attributable to it: the re-list 1300 ms later came on the target's own schedule/);
  });
  it('credits the reaction of a client that also polls, and says it polls', () => {
    const trace = new TraceBuilder().opened().relist('tools', tools, 0).at(2_000).relist('tools', tools, 0)
      .at(2_100).mutate('c', 1).notify().wait(50).relist('tools', toolsPlus, 1).at(4_000).relist('tools', toolsPlus, 1).build();
    expect(evaluateCheck('relist-after-notify', trace)).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('re-listed tools/list 50 ms after the last of 1 list_changed; it reacts, and also polls every ~2000 ms'),
      measurements: { classification: 'both', latencyMs: 50, polls: 2 },
    });
  });
  it('reports a poller as not reacting in observe-only mode', () => {
    expect(evaluateCheck('relist-after-notify', poller().build(), { observeOnly: true })).toMatchObject({
      status: 'info',
      message: expect.stringMatching(/^did not re-list tools\/list because of the notification; it polls every ~2000 ms/),
    });
  });
});

describe('converges', () => {
  it('passes when the final view report matches the final catalogue', () => {
    expect(evaluateCheck('converges', goodRefresh().build())).toMatchObject({ status: 'pass', measurements: { toolsViewSource: 'report' } });
  });
  it('fails naming what is missing when the view is stale', () => {
    const trace = new TraceBuilder().opened().relist('tools', tools, 0).view('tools', tools).mutate('c', 1).notify().wait(100).snapshot({ tools: toolsPlus }, 1).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({ status: 'fail', message: expect.stringContaining('is missing [c]') });
  });
  it('judges from the wire when there are no view reports', () => {
    const trace = new TraceBuilder().opened().relist('tools', toolsPlus, 1).snapshot({ tools: toolsPlus }, 1).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({ status: 'pass', measurements: { toolsViewSource: 'wire' } });
  });
  it('can grade a failure as a warning', () => {
    const trace = new TraceBuilder().opened().snapshot({ tools }).build();
    expect(evaluateCheck('converges', trace, { failAs: 'warn' }).status).toBe('warn');
  });
  const srv = (names: string[]) => names.map((name) => `srv_${name}`);
  it('passes a current view shown behind a constant prefix, and says so', () => {
    const trace = new TraceBuilder().opened().relist('tools', toolsPlus, 1).view('tools', srv(toolsPlus)).snapshot({ tools: toolsPlus }, 1).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('tools names shown as srv_<name>'),
      measurements: { toolsNamesShownAs: 'srv_<name>' },
    });
  });
  it('passes a current view shown with other separators and case', () => {
    const keys = ['get-weather', 'storm-1', 'list_files'];
    const shown = keys.map((key) => key.toUpperCase().replace(/[-_]/g, '.'));
    const trace = new TraceBuilder().opened().view('tools', shown).snapshot({ tools: keys }, 1).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({ status: 'pass', measurements: { toolsNamesShownAs: '<name> (\'_\' as \'.\', \'-\' as \'.\', upper case)' } });
  });
  it('fails a stale view behind a prefix, naming the upstream key it lacks', () => {
    const trace = new TraceBuilder().opened().view('tools', srv(tools)).mutate('c', 1).notify().wait(100).snapshot({ tools: toolsPlus }, 1).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({
      status: 'fail',
      message: 'final tools view (view report, names shown as srv_<name>) is missing [c] (expected 3 items at revision 1)',
    });
  });
  it('fails a view still showing a removed item behind a prefix, naming its upstream key', () => {
    const trace = new TraceBuilder().opened().view('tools', srv(toolsPlus)).mutate('c', 1, 'remove').notify().snapshot({ tools }, 1).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({ status: 'fail', message: expect.stringContaining('names shown as srv_<name>) still has [c]') });
  });
  it('fails a rename only some names follow', () => {
    const trace = new TraceBuilder().opened().view('tools', ['srv_a', 'b']).snapshot({ tools }).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({ status: 'fail', message: expect.stringContaining('(view report) is missing [a] and still has [srv_a]') });
  });
  it('fails, saying why, when two renames read a shown name as different keys', () => {
    const trace = new TraceBuilder().opened().view('tools', ['srv_alpha-beta']).mutate('alpha-beta', 1, 'remove').mutate('beta', 2).snapshot({ tools: ['beta'] }, 2).build();
    expect(evaluateCheck('converges', trace)).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('\'srv_alpha-beta\' reads as beta (names shown as srv_alpha-<name>) and as alpha-beta (names shown as srv_<name>)'),
      measurements: { toolsNamesShownAs: 'ambiguous' },
    });
  });
  it('compares resource URIs exactly', () => {
    const uris = ['mock://docs/one'];
    const trace = new TraceBuilder().opened().view('resources', srv(uris)).snapshot({ resources: uris }).build();
    expect(evaluateCheck('converges', trace, { lists: ['resources'] })).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('is missing [mock://docs/one] and still has [srv_mock://docs/one]'),
    });
  });
});

describe('coalesces-burst', () => {
  function burst(relistEach: boolean): TraceBuilder {
    const b = new TraceBuilder().opened();
    for (let i = 0; i < 10; i++) {
      b.notify().wait(5);
      if (relistEach) b.relist('tools', tools, i, 1);
    }
    if (!relistEach) b.wait(100).relist('tools', tools, 10);
    return b;
  }
  it('passes when a burst leads to few re-lists', () => {
    expect(evaluateCheck('coalesces-burst', burst(false).build())).toMatchObject({ status: 'pass', measurements: { relists: 1, notifications: 10 } });
  });
  it('fails when every notification causes a re-list', () => {
    expect(evaluateCheck('coalesces-burst', burst(true).build())).toMatchObject({ status: 'fail', message: expect.stringContaining('observed 10 (7 too many)') });
  });
  /** Lists at 0 and every 2 s; a burst of 10 right after the 2 s poll; `reacts` adds one trailing re-list. */
  function pollerBurst(reacts: boolean): TraceBuilder {
    const b = new TraceBuilder().opened().relist('tools', tools, 0).at(2_000).relist('tools', tools, 0).at(2_100);
    for (let i = 0; i < 10; i++) b.notify().wait(5);
    if (reacts) b.wait(50).relist('tools', tools, 10);
    return b.at(4_000).relist('tools', tools, 10).at(4_500);
  }
  it('is not testable when only polls follow the burst: there is nothing to coalesce', () => {
    expect(evaluateCheck('coalesces-burst', pollerBurst(false).build())).toMatchObject({
      status: 'untested',
      message: expect.stringMatching(/^no re-list is attributable to the burst .* it polls every ~2000 ms/),
    });
  });
  it('counts only the reactions of a client that also polls', () => {
    expect(evaluateCheck('coalesces-burst', pollerBurst(true).build())).toMatchObject({ status: 'pass', measurements: { relists: 1, classification: 'both' } });
  });
});

describe('no-starvation', () => {
  function storm(refreshEveryMs: number | null): TraceBuilder {
    const b = new TraceBuilder().opened();
    for (let t = 0; t <= 3000; t += 100) {
      b.notify();
      if (refreshEveryMs !== null && t > 0 && t % refreshEveryMs === 0) b.relist('tools', tools, t, 5);
      b.wait(100);
    }
    return b;
  }
  it('passes when refreshes keep completing during the storm', () => {
    expect(evaluateCheck('no-starvation', storm(500).build())).toMatchObject({ status: 'pass' });
  });
  it('fails when a trailing debounce starves the view for the whole storm', () => {
    const result = evaluateCheck('no-starvation', storm(null).build());
    expect(result.status).toBe('fail');
    expect(result.measurements).toMatchObject({ refreshesDuringStorm: 0, maxViewAgeMs: 3000 });
    expect(result.decisive).toBe(true);
  });
  it('leaves a gap between refreshes open to a re-run (a slow moment can stretch one)', () => {
    const result = evaluateCheck('no-starvation', storm(1500).build());
    expect(result).toMatchObject({ status: 'fail', measurements: { refreshesDuringStorm: 1, maxViewAgeMs: 1505 } });
    expect(result.decisive).toBeUndefined();
  });
  it('is not testable on a short storm', () => {
    const trace = new TraceBuilder().opened().notify().wait(500).notify().build();
    expect(evaluateCheck('no-starvation', trace).status).toBe('untested');
  });
  it('does not count a poller\'s polls as refreshes', () => {
    // Lists at 0 and every 500 ms, notifications or not (0–1 s shows it); a storm from 1.05 s to 4.05 s.
    const b = new TraceBuilder().opened();
    for (let t = 0; t <= 4_500; t += 50) {
      b.at(t);
      if (t % 500 === 0) b.relist('tools', tools, t, 5);
      else if (t > 1_000 && t <= 4_050 && t % 100 === 50) b.notify();
    }
    const result = evaluateCheck('no-starvation', b.build());
    expect(result).toMatchObject({ status: 'fail', measurements: { refreshesDuringStorm: 0, classification: 'polls every ~500 ms', polls: 9 } });
    expect(result.message).toContain('0 refreshes completed during the storm; it polls every ~500 ms');
  });
});

describe('follows-pagination', () => {
  const paged = (follow: boolean) => {
    const b = new TraceBuilder().opened().request('tools').serve('tools', ['a', 'b'], 0, { nextCursor: 'c1' })
      .request('tools', { cursor: 'c1' }).serve('tools', ['c'], 0, { cursor: 'c1' }).notify().wait(10)
      .request('tools').serve('tools', ['a', 'b'], 1, { nextCursor: 'c1' });
    if (follow) b.request('tools', { cursor: 'c1' }).serve('tools', ['c', 'd'], 1, { cursor: 'c1' });
    return b.build();
  };
  it('passes when the refresh reads every page', () => {
    expect(evaluateCheck('follows-pagination', paged(true))).toMatchObject({ status: 'pass', measurements: { pagesPerRefresh: 2 } });
  });
  it('fails when the refresh stops at page 1', () => {
    expect(evaluateCheck('follows-pagination', paged(false))).toMatchObject({ status: 'fail', message: expect.stringContaining('read 1 page(s)') });
  });
  it('fails a client that never reads past page 1, not only one that stops on refresh', () => {
    const trace = new TraceBuilder().opened().request('tools').serve('tools', ['a', 'b'], 0, { nextCursor: 'c1' }).notify().wait(10)
      .request('tools').serve('tools', ['a', 'b'], 1, { nextCursor: 'c1' }).build();
    expect(evaluateCheck('follows-pagination', trace).status).toBe('fail');
  });
  it('is not testable when the list fits in one page', () => {
    expect(evaluateCheck('follows-pagination', goodRefresh().build())).toMatchObject({ status: 'untested', message: expect.stringMatching(/^.*fit in one page/) });
  });
});

describe('no-stale-final', () => {
  const race = (staleLast: boolean) => {
    const b = new TraceBuilder().opened().relist('tools', tools, 0).request('tools')
      .push({ kind: 'response-held', session: 's1', method: 'tools/list', requestId: 2 }).mutate('c', 1).notify().wait(10)
      .relist('tools', toolsPlus, 1).view('tools', toolsPlus)
      .push({ kind: 'response-released', session: 's1', method: 'tools/list', requestId: 2 });
    if (staleLast) b.view('tools', tools);
    return b.snapshot({ tools: toolsPlus }, 1).build();
  };
  it('passes when the final view is the latest', () => {
    expect(evaluateCheck('no-stale-final', race(false)).status).toBe('pass');
  });
  it('fails when the stale response wins', () => {
    expect(evaluateCheck('no-stale-final', race(true))).toMatchObject({ status: 'fail', message: expect.stringContaining('stale: missing [c]') });
  });
  it('is not testable without a released response', () => {
    expect(evaluateCheck('no-stale-final', goodRefresh().build()).status).toBe('untested');
  });
  const staged = (how: 'view' | 'wire' | 'unconfirmed') => {
    const b = new TraceBuilder().opened().relist('tools', tools, 0).request('tools')
      .push({ kind: 'response-held', session: 's1', method: 'tools/list', requestId: 2 }).mutate('c', 1).notify().wait(10)
      .relist('tools', toolsPlus, 1).push({ kind: 'race-staged', how, waitedMs: 5000 })
      .push({ kind: 'response-released', session: 's1', method: 'tools/list', requestId: 2 });
    return b.view('tools', tools).snapshot({ tools: toolsPlus }, 1).build();
  };
  it('is untested, not decided by the clock, when a reporting target never showed the fresh answer applied', () => {
    expect(evaluateCheck('no-stale-final', staged('unconfirmed'))).toMatchObject({
      status: 'untested', message: expect.stringMatching(/^the target reports its view, but no report showed the fresh tools answer applied within 5000 ms/),
    });
  });
  it('says a verdict was inferred from the wire for a target that reports no views', () => {
    expect(evaluateCheck('no-stale-final', staged('wire'))).toMatchObject({ status: 'fail', message: expect.stringMatching(/\(the race was staged from the wire: the target reports no views\)$/) });
    expect(evaluateCheck('no-stale-final', staged('view'))).toMatchObject({ status: 'fail', message: expect.not.stringMatching(/from the wire/) });
  });
  const renamedRace = (staleLast: boolean) => {
    const shown = (names: string[]) => names.map((name) => `srv_${name}`);
    const b = new TraceBuilder().opened().relist('tools', tools, 0).request('tools')
      .push({ kind: 'response-held', session: 's1', method: 'tools/list', requestId: 2 }).mutate('c', 1).notify().wait(10)
      .relist('tools', toolsPlus, 1).view('tools', shown(toolsPlus))
      .push({ kind: 'response-released', session: 's1', method: 'tools/list', requestId: 2 });
    if (staleLast) b.view('tools', shown(tools));
    return b.snapshot({ tools: toolsPlus }, 1).build();
  };
  it('passes when the latest view is shown behind a prefix', () => {
    expect(evaluateCheck('no-stale-final', renamedRace(false)).status).toBe('pass');
  });
  it('fails, in upstream keys, when the stale response wins behind a prefix', () => {
    expect(evaluateCheck('no-stale-final', renamedRace(true))).toMatchObject({ status: 'fail', message: expect.stringContaining('stale: missing [c]') });
  });
});

describe('one-relist-per-kind', () => {
  const multi = (extra: boolean) => {
    const b = new TraceBuilder().opened().notify('tools').notify('resources').notify('prompts').wait(50)
      .relist('tools', tools, 1).relist('resources', [], 1).relist('prompts', [], 1);
    if (extra) b.relist('tools', tools, 1);
    return b.build();
  };
  it('passes with exactly one re-list per changed list', () => {
    expect(evaluateCheck('one-relist-per-kind', multi(false))).toMatchObject({ status: 'pass', measurements: { tools: 1, resources: 1, prompts: 1 } });
  });
  it('fails on an extra re-list', () => {
    expect(evaluateCheck('one-relist-per-kind', multi(true))).toMatchObject({ status: 'fail', message: expect.stringMatching(/tools was re-listed 2 times/) });
  });
});

describe('reinitializes-after-404', () => {
  const ended = (reinit: boolean) => {
    const b = new TraceBuilder().opened().push({ kind: 'fault', fault: 'terminate-session', session: 's1' }).wait(100)
      .push({ kind: 'http-rejected', method: 'GET', path: '/mcp', status: 404, reason: 'Session not found', session: 's1' }).wait(20);
    if (reinit) b.push({ kind: 'frame-received', message: { jsonrpc: '2.0', id: 9, method: 'initialize', params: {} } });
    return b.wait(6000).snapshot({ tools }).build();
  };
  it('passes when a new initialize follows the 404', () => {
    expect(evaluateCheck('reinitializes-after-404', ended(true))).toMatchObject({ status: 'pass', severity: 'MUST', measurements: { latencyMs: 20 } });
  });
  it('fails when the client never starts a new session', () => {
    const result = evaluateCheck('reinitializes-after-404', ended(false));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/expected a new initialize after the 404 at t=100; none came in the 6020 ms after it/);
    expect(result.decisive).toBe(true);
  });
  it('fails, open to a re-run, when the new initialize comes past the deadline', () => {
    const late = new TraceBuilder().opened().push({ kind: 'fault', fault: 'terminate-session', session: 's1' })
      .push({ kind: 'http-rejected', method: 'GET', path: '/mcp', status: 404, reason: 'Session not found', session: 's1' }).wait(6000)
      .push({ kind: 'frame-received', message: { jsonrpc: '2.0', id: 9, method: 'initialize', params: {} } }).build();
    const result = evaluateCheck('reinitializes-after-404', late);
    expect(result).toMatchObject({ status: 'fail', message: expect.stringMatching(/past the \d+ ms deadline/) });
    expect(result.decisive).toBeUndefined();
  });
});

describe('reopens-stream', () => {
  const dropped = (reopen: 'resume' | 'fresh' | 'never') => {
    const b = new TraceBuilder().opened()
      .push({ kind: 'stream-opened', session: 's1', stream: 'get-1', role: 'standalone', primed: '0' }).wait(100)
      .push({ kind: 'stream-closed', session: 's1', stream: 'get-1', reason: 'dropped by server' })
      .push({ kind: 'fault', fault: 'drop-stream', session: 's1' }).wait(120);
    if (reopen !== 'never') {
      b.push({ kind: 'stream-opened', session: 's1', stream: 'get-2', role: 'standalone', ...(reopen === 'resume' ? { lastEventId: '0' } : {}) });
    }
    return b.build();
  };
  it('passes when the client resumes with Last-Event-ID', () => {
    expect(evaluateCheck('reopens-stream', dropped('resume'))).toMatchObject({ status: 'pass', measurements: { reopenMs: 120, resumed: true } });
  });
  it('fails when the client re-opens without resuming', () => {
    const result = evaluateCheck('reopens-stream', dropped('fresh'));
    expect(result).toMatchObject({ status: 'fail', message: expect.stringMatching(/without Last-Event-ID/) });
    // Not about time at all: a re-run would not change it.
    expect(result.decisive).toBe(true);
  });
  it('fails when the client never re-opens; decisive only once the trace covers the deadline', () => {
    const short = evaluateCheck('reopens-stream', dropped('never'));
    expect(short).toMatchObject({ status: 'fail', message: expect.stringMatching(/none came in the 0 ms after it/) });
    expect(short.decisive).toBeUndefined();
    const long = new TraceBuilder().opened()
      .push({ kind: 'stream-opened', session: 's1', stream: 'get-1', role: 'standalone', primed: '0' }).wait(100)
      .push({ kind: 'fault', fault: 'drop-stream', session: 's1' }).wait(10_000).snapshot({ tools }).build();
    expect(evaluateCheck('reopens-stream', long)).toMatchObject({ status: 'fail', decisive: true });
  });
});

describe('target-survives', () => {
  it('passes when the target stays up', () => {
    expect(evaluateCheck('target-survives', goodRefresh().build()).status).toBe('pass');
  });
  it('fails naming the step the target died in', () => {
    const trace = new TraceBuilder().opened().push({ kind: 'step', index: 2, op: 'storm', phase: 'start' }).wait(40)
      .push({ kind: 'target-exited', code: 1, signal: null, expected: false }).build();
    expect(evaluateCheck('target-survives', trace)).toMatchObject({ status: 'fail', message: 'the target exited with code 1 at t=40, during step 2 (storm)' });
  });
});

describe('debounce-window', () => {
  /** Pairs at growing gaps; a trailing debounce of `windowMs` re-lists `windowMs` after the last notification. */
  function probe(windowMs: number): TraceBuilder {
    const b = new TraceBuilder().opened();
    for (const gap of [25, 75, 150, 400]) {
      b.notify();
      if (gap >= windowMs) b.wait(windowMs).relist('tools', tools, 0, 1).wait(gap - windowMs - 1);
      else b.wait(gap);
      b.notify().wait(windowMs).relist('tools', tools, 0, 1).wait(1500);
    }
    return b;
  }
  it('reports the inferred policy and window as measurements', () => {
    const result = evaluateCheck('debounce-window', probe(100).build());
    expect(result).toMatchObject({ status: 'info', measurements: { policy: 'trailing', windowLowMs: 75, windowHighMs: 150, trailingDelayMs: 100 } });
  });
  it('passes when it matches --debounce', () => {
    expect(evaluateCheck('debounce-window', probe(100).expectDebounce(100).build()).status).toBe('pass');
  });
  it('fails when it does not match --debounce', () => {
    expect(evaluateCheck('debounce-window', probe(100).expectDebounce(300).build())).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/expected a 300 ms debounce/),
    });
  });
  /** Lists at 0 and every 2 s; a pair of notifications 100 ms after each poll (what the probe's waits lead to). */
  function pollerProbe(): TraceBuilder {
    const b = new TraceBuilder().opened().relist('tools', tools, 0);
    for (const [k, gap] of [30, 100, 200, 450].entries()) {
      b.at(2_000 * (k + 1)).relist('tools', tools, 0).wait(100).notify().wait(gap).notify();
    }
    return b.at(10_000).relist('tools', tools, 0).wait(500);
  }
  it('reports a poller\'s policy as polling, with its period, instead of a window', () => {
    expect(evaluateCheck('debounce-window', pollerProbe().build())).toMatchObject({
      status: 'info',
      message: expect.stringMatching(/^measured: polling \(period ~2000 ms\)/),
      measurements: { policy: 'polling (period ~2000 ms)', windowLowMs: null, windowHighMs: null, pollPeriodMs: 2_000 },
    });
  });
  it('fails a poller against --debounce', () => {
    expect(evaluateCheck('debounce-window', pollerProbe().expectDebounce(50).build())).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^expected a 50 ms debounce; measured polling \(period ~2000 ms\)/),
    });
  });
});

describe('the check registry', () => {
  it('has a unique id, a title and spec-keyword severity for every check', () => {
    expect(new Set(CHECKS.map((check) => check.id)).size).toBe(CHECKS.length);
    for (const check of CHECKS) expect(check.title.length).toBeGreaterThan(3);
  });
  it('refuses unknown checks and bad options with a clear error', () => {
    const trace = goodRefresh().build();
    expect(() => evaluateCheck('nope', trace)).toThrow(/unknown check "nope"/);
    expect(() => evaluateCheck('converges', trace, { lists: ['pigeons'] })).toThrow(/check converges: lists.0/);
  });
});
