import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const tools = ['a', 'b'];
const DISCOVER = { jsonrpc: '2.0', id: 0, method: 'server/discover', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } } as const;
const NOT_FOUND = { jsonrpc: '2.0', id: 0, error: { code: -32601, message: 'Method not found' } } as const;
const INITIALIZE = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25' } } as const;
const UNSUPPORTED = { jsonrpc: '2.0', id: 0, error: { code: -32022, message: 'Unsupported protocol version' } } as const;

/** A client told to speak 2026-07-28 against a 2025-only mock on stdio: it probes, then falls back (or not). */
function modernClient(client: { fallsBack: boolean; relists?: boolean }) {
  const b = new TraceBuilder().modern().serving('legacy').snapshot({ tools }).opened('probe')
    .push({ kind: 'frame-received', session: 'probe', message: DISCOVER })
    .push({ kind: 'frame-sent', session: 'probe', stream: 'stdout', message: NOT_FOUND });
  if (!client.fallsBack) {
    return b.wait(20).push({ kind: 'target-exited', code: 1, signal: null, expected: false })
      .push({ kind: 'target-output', lines: ['Error: the server did not offer 2026-07-28 (no fallback in pin mode)'] })
      .snapshot({ tools }).build();
  }
  b.wait(40).opened().push({ kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' }).relist('tools', tools, 0)
    .wait(100).mutate('c', 1).notify('tools');
  if (client.relists) b.wait(10).relist('tools', [...tools, 'c'], 1);
  return b.wait(500).snapshot({ tools: [...tools, 'c'] }, 1).build();
}

/** A client told to speak 2025 against a 2026-07-28-only mock: its initialize is refused with -32022. */
function legacyClient(ending: { said?: string[]; negotiates?: boolean }) {
  const b = new TraceBuilder().serving('modern').snapshot({ tools }).opened()
    .push({ kind: 'frame-received', session: 's1', message: INITIALIZE })
    .push({ kind: 'frame-sent', session: 's1', stream: 'stdout', message: UNSUPPORTED });
  if (ending.negotiates) b.wait(5).push({ kind: 'session-initialized', session: 's1', protocolVersion: '2026-07-28', era: 'modern' });
  else b.wait(5).push({ kind: 'target-exited', code: 1, signal: null, expected: false }).push({ kind: 'target-output', lines: ending.said ?? [] });
  return b.snapshot({ tools }).build();
}

describe('era-fallback', () => {
  it('passes when a client told 2026-07-28 falls back to initialize on a 2025-only server and follows the change', () => {
    const result = evaluateCheck('era-fallback', modernClient({ fallsBack: true, relists: true }));
    expect(result.status, result.message).toBe('pass');
    expect(result.message).toMatch(/^its server\/discover was refused \(-32601\), and it fell back to initialize 40 ms later/);
    expect(result.measurements).toMatchObject({ probes: 1, fellBack: true });
  });
  it('fails when the client never falls back, quoting how it ended', () => {
    const result = evaluateCheck('era-fallback', modernClient({ fallsBack: false }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/never fell back to initialize; it exited with code 1; it said: Error: the server did not/);
  });
  it('reports, and does not fail, a client found to speak only 2026-07-28: falling back is owed by dual-era clients only', () => {
    const trace = modernClient({ fallsBack: false });
    const result = evaluateCheck('era-fallback', { ...trace, meta: { ...trace.meta, speaks: ['modern'] } });
    expect(result.status).toBe('info');
    expect(result.message).toContain('the client speaks only 2026-07-28: ');
    expect(result.message).toContain('it did not fall back (it need not); it exited with code 1');
  });
  it('fails a client found to speak both eras that does not fall back', () => {
    const trace = modernClient({ fallsBack: false });
    expect(evaluateCheck('era-fallback', { ...trace, meta: { ...trace.meta, speaks: ['legacy', 'modern'] } }).status).toBe('fail');
  });
  it('fails when the client falls back but its view misses the change announced on the 2025 session', () => {
    const result = evaluateCheck('era-fallback', modernClient({ fallsBack: true, relists: false }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/its final tools view is missing \[c\]/);
  });
  it('counts a refused sessionless POST on Streamable HTTP as the probe', () => {
    const trace = new TraceBuilder().modern().serving('legacy').snapshot({ tools })
      .push({ kind: 'http-rejected', method: 'POST', path: '/mcp', status: 400, reason: 'Bad Request: Mcp-Session-Id header is required', code: -32000, rpc: [{ method: 'server/discover', id: 0 }] })
      .wait(30).opened().push({ kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' }).relist('tools', tools, 0)
      .snapshot({ tools }).build();
    expect(evaluateCheck('era-fallback', trace)).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(/^its server\/discover was refused \(HTTP 400, -32000\), and it fell back/),
    });
  });
  it('reports, as info, a 2025 client that cannot use a 2026-07-28-only server and says why', () => {
    const result = evaluateCheck('era-fallback', legacyClient({ said: ['McpError: MCP error -32022: Unsupported protocol version'] }));
    expect(result.status).toBe('info');
    expect(result.message).toMatch(/its initialize was refused \(-32022\); it exited with code 1; .*: what it printed names/);
    expect(result.measurements).toMatchObject({ diagnosable: true, negotiated: false });
  });
  it('reports, as info, a 2025 client whose failure says nothing about the version', () => {
    const result = evaluateCheck('era-fallback', legacyClient({ said: ['something went wrong'] }));
    expect(result.status).toBe('info');
    expect(result.message).toMatch(/its users cannot tell why it does not connect$/);
    expect(result.measurements).toMatchObject({ diagnosable: false });
  });
  it('reports a client that then speaks 2026-07-28 as dual-era', () => {
    expect(evaluateCheck('era-fallback', legacyClient({ negotiates: true }))).toMatchObject({
      status: 'info',
      message: expect.stringMatching(/then the target spoke 2026-07-28 \(a dual-era client\)$/),
    });
  });
  it('is not testable when the mock served the cell\'s own era', () => {
    expect(evaluateCheck('era-fallback', new TraceBuilder().modern().build())).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the mock served the cell's own era/) });
    expect(evaluateCheck('era-fallback', new TraceBuilder().modern().serving('dual').build()).status).toBe('untested');
  });
});

describe('target-connects in a cell whose mock serves the other era', () => {
  it('leaves a target that never connected to era-fallback', () => {
    const result = evaluateCheck('target-connects', modernClient({ fallsBack: false }));
    expect(result.status).toBe('info');
    expect(result.message).toMatch(/^not judged here: the mock served only the legacy era to a target told to speak modern/);
  });
  it('still judges a target that connected', () => {
    expect(evaluateCheck('target-connects', modernClient({ fallsBack: true, relists: true })).status).toBe('pass');
  });
});
