import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import { eventLine, serialized } from '../../src/trace/serialized.js';

describe('serialized messages', () => {
  it('serializes a message once and splices that text into its event line, equal in content to a fresh serialization', () => {
    const tools = Array.from({ length: 50 }, (_, i) => ({ name: `tool-${i}`, inputSchema: { type: 'object' } }));
    const message = { jsonrpc: '2.0', id: 7, result: { tools } };
    const event = { kind: 'frame-sent', session: 's1', stream: 's1:get', message, seq: 3, t: 1.5 } as TraceEvent;
    const unseen = eventLine(event);
    expect(JSON.parse(unseen)).toEqual(event);
    const text = serialized(message);
    expect(serialized(message)).toBe(text);
    const spliced = eventLine(event);
    expect(spliced.endsWith(`"message":${text}}`)).toBe(true);
    expect(JSON.parse(spliced)).toEqual(event);
  });

  it('leaves events without a message, and small messages, as plain JSON', () => {
    const event = { kind: 'settled', quietMs: 50, timedOut: false, seq: 1, t: 2 } as TraceEvent;
    expect(eventLine(event)).toBe(JSON.stringify(event));
    const message = { jsonrpc: '2.0', method: 'notifications/tools/list_changed' };
    serialized(message);
    const frame = { kind: 'frame-sent', session: 's1', message, seq: 2, t: 3 } as TraceEvent;
    expect(eventLine(frame)).toBe(JSON.stringify(frame));
  });
});
