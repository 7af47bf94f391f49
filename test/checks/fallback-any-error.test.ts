import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import type { Trace } from '../../src/trace/trace.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const DISCOVER = { jsonrpc: '2.0', id: 0, method: 'server/discover', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } } as const;
const INVALID_PARAMS = { jsonrpc: '2.0', id: 0, error: { code: -32602, message: 'Invalid params' } } as const;
const INITIALIZED = { kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' } as const;

/** A client told 2026-07-28 on stdio whose server/discover a 2025-only mock refuses with -32602; it falls back, or exits. */
function stdioRefusal(fallsBack: boolean): Trace {
  const b = new TraceBuilder().modern().serving('legacy').opened('probe')
    .push({ kind: 'frame-received', session: 'probe', message: DISCOVER })
    .push({ kind: 'frame-sent', session: 'probe', stream: 'probe:stdio', message: INVALID_PARAMS });
  if (fallsBack) b.wait(60).opened().push(INITIALIZED);
  else b.wait(20).push({ kind: 'target-exited', code: 1, signal: null, expected: false }).push({ kind: 'target-output', lines: ['Error: -32602'] });
  const trace = b.build();
  return { ...trace, meta: { ...trace.meta, transport: 'stdio' } };
}

/** The same on Streamable HTTP, refused with a 400 whose body is no JSON-RPC. */
function bare400(fallsBack: boolean): Trace {
  const b = new TraceBuilder().modern().serving('legacy')
    .push({ kind: 'http-rejected', method: 'POST', path: '/mcp', status: 400, reason: 'Bad Request', rpc: [{ method: 'server/discover', id: 0 }] });
  if (fallsBack) b.wait(30).opened().push(INITIALIZED);
  else b.wait(5).push({ kind: 'target-exited', code: 1, signal: null, expected: false });
  return b.build();
}

describe('fallback-any-error', () => {
  it('passes a client that falls back on -32602 over stdio, graded on the stdio MUST NOT', () => {
    const result = evaluateCheck('fallback-any-error', stdioRefusal(true));
    expect(result.status).toBe('pass');
    expect(result.message).toBe('its server/discover was refused (-32602), and it fell back to initialize 60 ms later');
    expect(result.severity).toBe('MUST');
  });

  it('fails a client that gives up on -32602, quoting how it ended', () => {
    const result = evaluateCheck('fallback-any-error', stdioRefusal(false));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('its server/discover was refused (-32602) and it never fell back to initialize (it exited with code 1; it said: ' +
      'Error: -32602): the fallback must not be keyed to one error code, as legacy servers answer it with implementation-defined errors ' +
      '(commonly -32601 or -32602), a 400 without a modern error, or not at all');
    expect(result.clause?.keyword).toBe('MUST NOT');
  });

  it('on Streamable HTTP judges a bare 400 the same, on the binding\'s keyword-free rule', () => {
    const passed = evaluateCheck('fallback-any-error', bare400(true));
    expect(passed.status).toBe('pass');
    expect(passed.message).toBe('its server/discover was refused (HTTP 400, no JSON-RPC body), and it fell back to initialize 30 ms later');
    const failed = evaluateCheck('fallback-any-error', bare400(false));
    expect(failed.status).toBe('fail');
    expect(failed.severity).toBe('best-practice');
    expect(failed.message).toMatch(/^its server\/discover was refused \(HTTP 400, no JSON-RPC body\) and it never fell back/);
  });

  it('reports, and does not fail, a client found to speak only 2026-07-28', () => {
    const trace = stdioRefusal(false);
    const result = evaluateCheck('fallback-any-error', { ...trace, meta: { ...trace.meta, speaks: ['modern'] } });
    expect(result.status).toBe('info');
    expect(result.message).toBe('its server/discover was refused (-32602) and it did not fall back, which a client that speaks only 2026-07-28 ' +
      'need not do; it exited with code 1');
  });

  it('is untested where no 2025-only server met a 2026-07-28 client, or the client did not probe', () => {
    expect(evaluateCheck('fallback-any-error', new TraceBuilder().modern().build()).status).toBe('untested');
    const direct = new TraceBuilder().modern().serving('legacy').opened().push(INITIALIZED).build();
    expect(evaluateCheck('fallback-any-error', direct)).toMatchObject({
      status: 'untested',
      message: 'the client initialized at once without a 2026-07-28 probe, so no refusal was there to fall back from',
    });
  });
});
