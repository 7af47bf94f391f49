import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

/** tools/list at each time (the first is the initial list), answered normally or, at the indices in `failing`, with an error. */
function polls(times: number[], failing: readonly number[] = [], end = (times.at(-1) ?? 0) + 500) {
  const b = new TraceBuilder().modern().push({ kind: 'session-initialized', session: 's1', protocolVersion: '2026-07-28', era: 'modern' });
  times.forEach((t, index) => {
    b.at(t).request('tools');
    if (!failing.includes(index)) b.serve('tools', ['a'], 0);
    else b.push({ kind: 'frame-sent', session: 's1', stream: 's1:stdio', message: { jsonrpc: '2.0', id: index + 1, error: { code: -32603, message: 'failing' } } });
  });
  // The change that ends the stretch the check reads: re-lists after it may be reactions.
  return b.at(end).notify('tools').wait(10).relist('tools', ['a', 'b'], 1).build();
}

describe('poll-jitter-backoff', () => {
  it('passes a poller whose gaps vary and grow after failed polls', () => {
    const result = evaluateCheck('poll-jitter-backoff', polls([0, 700, 1_300, 2_200, 2_750, 3_500, 5_300, 8_700, 9_400], [5, 6]));
    expect(result.status).toBe('pass');
    expect(result.message).toBe('it polls tools/list every ~700 ms with jitter (gaps spread over 350 ms) and backs off on errors: ' +
      '~2600 ms after a failed poll against ~700 ms otherwise (×3.71)');
    expect(result.measurements).toEqual({ polls: 8, periodMs: 700, spreadMs: 350, failedPolls: 2, backoffRatio: 3.71 });
    expect(result.severity).toBe('MUST');
  });

  it('fails a poller on a fixed cadence: no jitter', () => {
    const result = evaluateCheck('poll-jitter-backoff', polls([0, 1_500, 3_001, 4_500, 6_002, 7_500, 9_000], [4, 5]));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('it polled tools/list every ~1500 ms at a fixed cadence: 4 gaps within 3 ms of each other (less than the ' +
      '100 ms timer lateness alone can make), so it applies no jitter');
    expect(result.decisive).toBe(true);
  });

  it('fails a jittered poller that keeps its pace while its polls fail: no backoff', () => {
    const result = evaluateCheck('poll-jitter-backoff', polls([0, 700, 1_300, 2_200, 2_750, 3_500, 4_100, 4_900, 5_500], [5, 6, 7]));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('its polls jitter (gaps spread over 350 ms), but when 3 of them failed it kept polling about as often: ' +
      '~670 ms after a failed poll against ~700 ms otherwise (×0.95), where backing off means at least ×1.5');
  });

  it('counts the wait after the last failed poll when nothing came before the stretch ended, once it is already a backoff', () => {
    const result = evaluateCheck('poll-jitter-backoff', polls([0, 700, 1_300, 2_200, 2_750, 3_500], [5], 6_000));
    expect(result.status).toBe('pass');
    expect(result.measurements.backoffRatio).toBe(3.57);
  });

  it('is untested for a client that does not poll, or polls too seldom to see jitter', () => {
    const none = evaluateCheck('poll-jitter-backoff', polls([0], [], 11_000));
    expect(none).toMatchObject({ status: 'untested', measurements: { polls: 0 } });
    expect(none.message).toBe('the client did not poll: it listed tools/list no more in the 11000 ms with nothing announced (the rule binds ' +
      'only clients that poll; one that does, less often than that, could not be seen)');
    const few = evaluateCheck('poll-jitter-backoff', polls([0, 4_000, 8_000]));
    expect(few.status).toBe('untested');
    expect(few.message).toBe('the client polled 2 time(s) with nothing announced; 3 gaps after answered polls are needed to see jitter');
  });

  it('is untested when no poll failed, so backoff could not be seen', () => {
    const result = evaluateCheck('poll-jitter-backoff', polls([0, 700, 1_300, 2_200, 2_750]));
    expect(result.status).toBe('untested');
    expect(result.message).toBe('its polls jitter (gaps spread over 350 ms), but none of them was answered with an error, so backoff could not be seen');
  });
});
