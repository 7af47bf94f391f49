import { describe, expect, it } from 'vitest';
import { classifyReaction, POLL_JITTER_MS } from '../../src/checks/support/reaction.js';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const tools = ['a', 'b'];

/** What happens at a moment of a synthetic cell: a re-list (taking 2 ms) or a delivered list_changed. */
type Moment = [t: number, what: 'relist' | 'notify' | 'notify-resources'];

/** A cell laid out on absolute times: an initial listing at 0, then the moments, then the trace ends at `endT`. */
function cell(moments: Moment[], endT: number): TraceBuilder {
  const b = new TraceBuilder().opened().relist('tools', tools, 0, 2);
  for (const [t, what] of [...moments].sort((x, y) => x[0] - y[0])) {
    b.at(t);
    if (what === 'relist') b.relist('tools', tools, 1, 2);
    else b.notify(what === 'notify' ? 'tools' : 'resources');
  }
  return b.at(endT).snapshot({ tools }, 1);
}

/** A timer every `periodMs` from the initial listing, up to `endT`, each tick `jitter(k)` ms late. */
function ticks(periodMs: number, endT: number, jitter: (k: number) => number = () => 0): Moment[] {
  const out: Moment[] = [];
  for (let k = 1; k * periodMs <= endT; k++) out.push([k * periodMs + jitter(k), 'relist']);
  return out;
}

const classify = (b: TraceBuilder) => classifyReaction(b.build(), { list: 'tools' });

describe('classifyReaction', () => {
  it('classifies a client that re-lists only after notifications as reacting, however slowly', () => {
    for (const delay of [5, 50, 300, 1_500]) {
      const result = classify(cell([[3_000, 'notify'], [3_000 + delay, 'relist']], 3_000 + delay + 500));
      expect(result).toMatchObject({ kind: 'reacts', label: 'reacts', polls: [] });
      expect(result.reactions.map((request) => request.event.t)).toEqual([3_000 + delay]);
      expect(result.quietMs).toBeGreaterThanOrEqual(2_998);
    }
  });

  it('classifies a client on a 2 s timer as polling, with its period, wherever the notification lands', () => {
    // 2700 puts the next tick (4000) 1300 ms after the notification: inside the 3 s deadline, by coincidence.
    for (const notifyT of [2_010, 2_700, 3_900]) {
      const result = classify(cell([...ticks(2_000, 6_000), [notifyT, 'notify']], 6_500));
      expect(result).toMatchObject({ kind: 'polls', label: 'polls every ~2000 ms', reactions: [], periodMs: 2_000 });
      expect(result.polls).toHaveLength(3);
    }
  });

  it('keeps a poller a poller when its ticks come late by up to the jitter allowance', () => {
    const late = (k: number) => (k === 1 ? POLL_JITTER_MS / 2 - 10 : k === 2 ? 0 : 37);
    const result = classify(cell([...ticks(2_000, 8_000, late), [2_200, 'notify'], [4_300, 'notify']], 8_500));
    expect(result).toMatchObject({ kind: 'polls', reactions: [] });
  });

  it('classifies a client that polls and reacts as both, crediting the reactions and not the polls', () => {
    const result = classify(cell([...ticks(2_000, 4_000), [2_150, 'notify'], [2_200, 'relist']], 4_500));
    expect(result).toMatchObject({ kind: 'both', label: 'both', periodMs: 2_000 });
    expect(result.reactions.map((request) => request.event.t)).toEqual([2_200]);
    expect(result.polls.map((request) => request.event.t)).toEqual([2_000, 4_000]);
  });

  it('discounts at most one re-list per poll period when a client that polls and reacts lives through a storm', () => {
    const storm: Moment[] = [];
    for (let t = 2_130; t <= 5_130; t += 100) storm.push([t, 'notify'], [t + 50, 'relist']);
    const result = classify(cell([...ticks(2_000, 6_000), ...storm], 6_500));
    expect(result.kind).toBe('both');
    expect(result.polls.length).toBeLessThanOrEqual(4);
    expect(result.reactions.length).toBeGreaterThanOrEqual(storm.length / 2 - 2);
  });

  it('classifies a client that never re-lists as never', () => {
    expect(classify(cell([[3_000, 'notify']], 6_500))).toMatchObject({ kind: 'never', label: 'never', reactions: [], polls: [] });
  });

  it('credits a second re-list for one notification (leading and trailing edge) as a reaction, not a poll', () => {
    const result = classify(cell([[3_000, 'notify'], [3_001, 'relist'], [3_300, 'relist']], 3_800));
    expect(result).toMatchObject({ kind: 'reacts' });
    expect(result.reactions).toHaveLength(2);
  });

  it('counts another list\'s list_changed as a cause: a client may refresh every list on any of them', () => {
    expect(classify(cell([[3_000, 'notify-resources'], [3_050, 'relist']], 3_600))).toMatchObject({ kind: 'reacts' });
  });

  it('counts a list_changed replayed on a resumed stream as a cause', () => {
    const b = cell([], 3_000).push({
      kind: 'frame-sent', session: 's1', stream: 'get-2', replay: true, eventId: '1',
      message: { jsonrpc: '2.0', method: 'notifications/tools/list_changed' },
    }).wait(60).relist('tools', tools, 1);
    expect(classify(b)).toMatchObject({ kind: 'reacts' });
  });

  it('treats the first list of a new session as its initial listing, not as a poll', () => {
    const b = cell([], 3_000).relist('tools', tools, 0).wait(500);
    b.at(4_000).request('tools', { session: 's2' }).wait(2).serve('tools', tools, 0, { session: 's2' }).wait(500);
    expect(classify(b).roles.map((entry) => entry.role)).toEqual(['initial', 'poll', 'initial']);
  });

  it('credits nothing to a poller faster than the jitter allowance: a reaction cannot be told from its next poll', () => {
    const result = classify(cell([...ticks(80, 3_000), [1_000, 'notify']], 3_000));
    expect(result).toMatchObject({ kind: 'polls', label: 'polls every ~80 ms', reactions: [] });
  });
});

describe('relist-after-notify on polling and reacting clients', () => {
  it('fails a poller whose 2 s poll lands inside the 3 s deadline', () => {
    const result = evaluateCheck('relist-after-notify', cell([...ticks(2_000, 6_000), [2_700, 'notify']], 6_500).build());
    expect(result).toMatchObject({ status: 'fail', measurements: { classification: 'polls every ~2000 ms', latencyMs: null, reactions: 0 } });
    expect(result.message).toMatch(/none is attributable to it: the re-list 1300 ms later came on the target's own schedule/);
  });

  it('passes a reactor', () => {
    const result = evaluateCheck('relist-after-notify', cell([[3_000, 'notify'], [3_050, 'relist']], 3_550).build());
    expect(result).toMatchObject({ status: 'pass', measurements: { classification: 'reacts', latencyMs: 50 } });
  });

  it('passes a client that polls and reacts, on its reaction', () => {
    const result = evaluateCheck('relist-after-notify', cell([...ticks(2_000, 4_000), [2_150, 'notify'], [2_200, 'relist']], 4_500).build());
    expect(result).toMatchObject({ status: 'pass', measurements: { classification: 'both', latencyMs: 50, pollPeriodMs: 2_000 } });
  });

  it('fails a client that never re-lists', () => {
    const result = evaluateCheck('relist-after-notify', cell([[3_000, 'notify']], 6_500).build());
    expect(result).toMatchObject({ status: 'fail', measurements: { classification: 'never' } });
    expect(result.message).toMatch(/none came in the 3500 ms/);
  });
});
