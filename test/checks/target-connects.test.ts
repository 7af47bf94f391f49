import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

describe('target-connects', () => {
  it('passes when the client initialized a session', () => {
    const trace = new TraceBuilder().opened().push({ kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' }).build();
    expect(evaluateCheck('target-connects', trace)).toMatchObject({ status: 'pass', measurements: { sessions: 1 } });
  });
  it('fails quoting what the target printed and how it ended when it never initialized', () => {
    const trace = new TraceBuilder()
      .push({ kind: 'target-started', pid: 1, command: 'client' })
      .push({ kind: 'target-exited', code: 1, signal: null, expected: false })
      .push({ kind: 'target-output', lines: ['starting', 'Error: transport "sse" is not supported by this client'] })
      .build();
    const result = evaluateCheck('target-connects', trace);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'the target never initialized an MCP session on http: it exited with code 1; ' +
      'it said: Error: transport "sse" is not supported by this client',
    );
    expect(result.evidence).toEqual([1, 2]);
  });
  it('fails naming sessions that opened but never completed initialize', () => {
    const trace = new TraceBuilder().opened().build();
    expect(evaluateCheck('target-connects', trace)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/1 session\(s\) opened but none completed initialize; it printed nothing/),
    });
  });
});
