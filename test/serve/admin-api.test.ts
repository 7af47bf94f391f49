import { afterEach, describe, expect, it } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { type AdminApi, startAdminApi } from '../../src/mock-admin/admin-api.js';

describe('admin API input and refusals', () => {
  let admin: AdminApi | undefined;
  afterEach(async () => {
    await admin?.close();
    admin = undefined;
  });
  const start = async () => {
    const mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } });
    admin = await startAdminApi(mock);
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${admin?.url ?? ''}${path}`, { headers: { authorization: `Bearer ${admin?.token ?? ''}`, ...headers } });
    return { mock, get };
  };

  it('refuses a journal offset that is not a whole number 0 or more, naming it', async () => {
    const { get } = await start();
    for (const from of ['-5', 'abc', '1.5']) {
      const res = await get(`/journal?from=${from}`);
      expect(res.status, from).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(`"${from}" is not a sequence number`);
    }
  });

  it('returns the journal from a sequence number, with no undefined lines', async () => {
    const { mock, get } = await start();
    for (let i = 0; i < 3; i++) mock.notify('tools');
    const text = await (await get('/journal?from=1')).text();
    const seqs = text.trim().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(seqs).toEqual([1, 2]);
    expect(text).not.toContain('undefined');
  });

  it('journals its own 401 and 403 refusals, and refuses Origin: null', async () => {
    const { mock, get } = await start();
    expect((await get('/catalogue', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get('/catalogue', { origin: 'null' })).status).toBe(403);
    expect(mock.journal.ofKind('http-rejected').map((event) => [event.status, event.path])).toEqual([
      [401, 'admin:/catalogue'],
      [403, 'admin:/catalogue'],
    ]);
  });
});
