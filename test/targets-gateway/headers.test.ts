import { describe, expect, it } from 'vitest';
import { thrown } from '../helpers/thrown.js';
import { planGateway } from '../../src/targets/gateway/gateway-plan.js';
import { parseHeaders, Redactor, renderHeaders } from '../../src/targets/gateway/headers.js';

const SECRET = 'tok-7f3a9c2e51';

describe('--header', () => {
  it('parses Name: value and expands ${VAR} from the environment', () => {
    const redactor = new Redactor();
    const headers = parseHeaders(['Authorization: Bearer ${TOKEN}', 'X-Tenant:  acme '], { TOKEN: SECRET }, redactor);
    expect(headers).toEqual([{ name: 'Authorization', value: `Bearer ${SECRET}` }, { name: 'X-Tenant', value: 'acme' }]);
  });
  it('names a bad header or an unset variable, never a value', () => {
    const redactor = new Redactor();
    expect(thrown(() => parseHeaders([`Bearer ${SECRET}`], {}, redactor)).message).toBe('--header: expected "Name: value"; it has no colon');
    expect(thrown(() => parseHeaders([`Bad Name: ${SECRET}`], {}, redactor)).message).not.toContain(SECRET);
    const unset = thrown(() => parseHeaders(['Authorization: Bearer ${MISSING_TOKEN}'], {}, redactor));
    expect(unset.message).toBe('--header Authorization: ${MISSING_TOKEN} is not set in the environment');
  });
  it('masks header values, their credentials part and what they were made of, in any text', () => {
    const redactor = new Redactor();
    const headers = parseHeaders(['Authorization: Bearer ${TOKEN}', 'X-On: 1'], { TOKEN: SECRET }, redactor);
    const rendered = renderHeaders([...headers, { name: 'X-Key', value: 'k-{api_key}' }], { api_key: 'setup-made-key', port: '4000' }, redactor);
    expect(rendered['X-Key']).toBe('k-setup-made-key');
    const text = `sent Bearer ${SECRET} to :4000 with ${SECRET} and setup-made-key and X-On: 1`;
    expect(redactor.apply(text)).toBe('sent [redacted] to :4000 with [redacted] and [redacted] and X-On: 1');
  });
});

describe('gateway plan', () => {
  const base = { command: 'gw --port {port}', startupTimeoutMs: 1_000, env: { TOKEN: SECRET } };
  it('runs setup first when the downstream URL or a header needs a setup output', () => {
    expect(planGateway({ ...base, downstream: 'http://127.0.0.1:{port}/servers/{server_id}/mcp', setup: 'reg' }).setupFirst).toBe(true);
    expect(planGateway({ ...base, downstream: 'http://127.0.0.1:{port}/mcp', headers: ['Authorization: Bearer {token}'], setup: 'login' }).setupFirst).toBe(true);
  });
  it('keeps the probe-first order when only the catalogue URL or teardown uses setup outputs', () => {
    const plan = planGateway({
      ...base,
      downstream: 'http://127.0.0.1:{port}/mcp',
      setup: 'reg',
      catalogUrl: 'http://127.0.0.1:{port}/servers/{server_id}/tools',
      teardown: 'unreg {server_id}',
      headers: ['Authorization: Bearer ${TOKEN}'],
    });
    expect(plan.setupFirst).toBe(false);
    expect(plan.redactor.apply(SECRET)).toBe('[redacted]');
  });
  it('refuses a setup output where no --setup can provide it', () => {
    const error = thrown(() => planGateway({ ...base, downstream: 'http://127.0.0.1:{port}/servers/{server_id}/mcp' }));
    expect(error.code).toBe('BAD_OPTION');
    expect(error.message).toContain('--downstream uses {server_id}');
    expect(thrown(() => planGateway({ ...base, downstream: 'stdio', teardown: 'rm {thing}' })).message).toContain('--teardown uses {thing}');
  });
});
