import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const INITIALIZED = { kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' } as const;

/** A standalone stream primed with `retry`, closed by the server, and the client's next GET `waitMs` later (or none). */
function closedWithRetry(options: { retryMs?: number; waitMs?: number; rejected?: boolean }) {
  const b = new TraceBuilder().opened().push(INITIALIZED)
    .push({ kind: 'stream-opened', session: 's1', stream: 'get-1', role: 'standalone', primed: '0', ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }) })
    .wait(200).push({ kind: 'stream-closed', session: 's1', stream: 'get-1', reason: 'dropped by server' })
    .push({ kind: 'fault', fault: 'drop-stream', session: 's1' });
  if (options.waitMs === undefined) return b.wait(3_000).push({ kind: 'settled', quietMs: 500, timedOut: false }).build();
  b.wait(options.waitMs);
  if (options.rejected) b.push({ kind: 'http-rejected', method: 'GET', path: '/mcp', status: 409, reason: 'Conflict', session: 's1' });
  else b.push({ kind: 'stream-opened', session: 's1', stream: 'get-2', role: 'standalone', lastEventId: '0', primed: '0', retryMs: 1_500 });
  return b.build();
}

describe('respects-retry', () => {
  it('passes a client that waits the retry before it reconnects', () => {
    const result = evaluateCheck('respects-retry', closedWithRetry({ retryMs: 1_500, waitMs: 1_512 }));
    expect(result.status).toBe('pass');
    expect(result.message).toBe('the server closed the stream with retry 1500 ms, and the client reconnected after 1512 ms');
    expect(result.severity).toBe('MUST');
  });

  it('fails a client that reconnects at once, by how much too soon, decisively', () => {
    const result = evaluateCheck('respects-retry', closedWithRetry({ retryMs: 1_500, waitMs: 4 }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('the server closed the stream with retry 1500 ms, and the client tried to reconnect after 4 ms, 1496 ms too soon');
    expect(result.decisive).toBe(true);
    expect(result.measurements).toEqual({ retryMs: 1_500, waitMs: 4 });
  });

  it('counts a refused GET as an attempt to reconnect', () => {
    const result = evaluateCheck('respects-retry', closedWithRetry({ retryMs: 1_500, waitMs: 300, rejected: true }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/tried to reconnect after 300 ms, 1200 ms too soon$/);
  });

  it('allows a reconnect a timer tick early (one-sided tolerance)', () => {
    expect(evaluateCheck('respects-retry', closedWithRetry({ retryMs: 1_500, waitMs: 1_490 })).status).toBe('pass');
  });

  it('is untested when the client never reconnects, or the stream carried no retry', () => {
    const never = evaluateCheck('respects-retry', closedWithRetry({ retryMs: 1_500 }));
    expect(never.status).toBe('untested');
    expect(never.message).toBe('the client did not try to reconnect in the 3000 ms after the close, so how long it waits could not be seen (reopens-stream judges whether it reconnects)');
    const bare = evaluateCheck('respects-retry', closedWithRetry({ waitMs: 5 }));
    expect(bare.status).toBe('untested');
    expect(bare.message).toBe('the closed stream carried no SSE retry field, so there was no wait to respect');
  });

  it('is not applicable where the negotiated revision has no retry rule (2025-06-18)', () => {
    const trace = closedWithRetry({ retryMs: 1_500, waitMs: 4 });
    const older = { ...trace, events: trace.events.map((event) => (event.kind === 'session-initialized' ? { ...event, protocolVersion: '2025-06-18' } : event)) };
    expect(evaluateCheck('respects-retry', older).status).toBe('skip');
  });
});
