import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import type { EventBody } from '../../src/trace/events.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const CHANGED = 'notifications/tools/list_changed';
type Sse = Extract<EventBody, { kind: 'probe-sse' }>;
const sse = (body: Omit<Sse, 'kind' | 'probe'>): Sse => ({ kind: 'probe-sse', probe: 'S', ...body });

/**
 * Session S (Streamable HTTP, 2025): its initialize answer (#1), its GET stream (#2), the change tool's answer (#3).
 * `announce` says on which streams the list_changed comes (with the same digest); `ids` gives each stream's event ids.
 */
function streamsTrace(options: { announce?: number[]; ids?: Record<number, string[]>; get?: 'refused'; resumedGet?: boolean; primeCall?: boolean } = {}) {
  const b = new TraceBuilder().withChecks('server-no-broadcast', 'server-event-ids-unique');
  const ids = (stream: number) => options.ids?.[stream] ?? [];
  const given = new Map<number, number>();
  // Each stream's events take its ids in order.
  const event = (stream: number, via: 'GET' | 'POST', body: Partial<Sse>) => {
    const at = given.get(stream) ?? 0;
    given.set(stream, at + 1);
    const eventId = ids(stream)[at];
    return b.wait(1).push(sse({ stream, via, state: 'event', ...(eventId === undefined ? {} : { eventId }), ...body }));
  };
  b.push(sse({ stream: 1, via: 'POST', request: 'initialize', state: 'opened', status: 200 }));
  event(1, 'POST', { messageId: 0, response: true, digest: 'init' }).wait(1).push(sse({ stream: 1, via: 'POST', request: 'initialize', state: 'closed' }));
  if (options.get === 'refused') b.wait(1).push(sse({ stream: 2, via: 'GET', state: 'refused', status: 405 }));
  else b.wait(1).push(sse({ stream: 2, via: 'GET', state: 'opened', status: 200 }));
  const requestedT = 10;
  b.at(requestedT).push(sse({ stream: 3, via: 'POST', request: 'tools/call', state: 'opened', status: 200 }));
  // A priming event: an id, no data.
  if (options.primeCall) event(3, 'POST', {});
  for (const stream of options.announce ?? [2]) event(stream, stream === 2 ? 'GET' : 'POST', { method: CHANGED, digest: 'changed' });
  event(3, 'POST', { messageId: 1, response: true, digest: 'answer' });
  b.wait(1).push({ kind: 'server-change', via: 'tool', requestedT, ok: true, detail: 'called change_catalogue', probe: 'S' });
  b.wait(1).push(sse({ stream: 3, via: 'POST', request: 'tools/call', state: 'closed' }));
  if (options.resumedGet) {
    b.wait(1).push(sse({ stream: 4, via: 'GET', state: 'opened', status: 200, lastEventId: '0' }));
    b.wait(1).push(sse({ stream: 4, via: 'GET', state: 'event', eventId: ids(2)[0] ?? 'x', method: CHANGED, digest: 'changed' }));
  }
  return b.build();
}

describe('server-no-broadcast', () => {
  it('passes when the announcement comes on the GET stream only, while the call\'s own stream is open', () => {
    const result = evaluateCheck('server-no-broadcast', streamsTrace());
    expect(result).toMatchObject({ status: 'pass', severity: 'MUST', clause: { keyword: 'MUST NOT', revision: '2025-11-25' } });
    expect(result.message).toBe('session S was sent each of its 3 message(s) on one of its 3 streams only: notifications/tools/list_changed on ' +
      'the GET stream (#2), while the tools/call stream (#3) was open too');
  });
  it('fails the same notification on the GET stream and on the call\'s own stream (a MUST NOT)', () => {
    const result = evaluateCheck('server-no-broadcast', streamsTrace({ announce: [2, 3] }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('the same notifications/tools/list_changed was sent on 2 streams of session S: the GET stream (#2) and the tools/call stream (#3)');
    expect(result.measurements).toMatchObject({ broadcast: 1 });
  });
  it('passes an announcement on the call\'s own stream alone (the server may choose that stream)', () => {
    expect(evaluateCheck('server-no-broadcast', streamsTrace({ announce: [3] })).status).toBe('pass');
  });
  it('is untested without a GET stream, and says why', () => {
    expect(evaluateCheck('server-no-broadcast', streamsTrace({ get: 'refused' }))).toMatchObject({
      status: 'untested',
      message: 'the server answered session S\'s GET with HTTP 405 (no standalone stream): with one stream open at a time there is no ' +
        'second stream to broadcast on',
    });
  });
  it('is untested when no stream was read, and when nothing was announced', () => {
    const empty = new TraceBuilder().withChecks('server-no-broadcast').build();
    expect(evaluateCheck('server-no-broadcast', empty)).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no session's streams were read raw/) });
    expect(evaluateCheck('server-no-broadcast', streamsTrace({ announce: [] }))).toMatchObject({
      status: 'untested', message: 'the server sent session S no notification while it made the change (see server-announces)',
    });
  });
  it('is not applicable in the 2026-07-28 era', () => {
    const modern = new TraceBuilder().modern().withChecks('server-no-broadcast').build();
    expect(evaluateCheck('server-no-broadcast', modern).status).toBe('skip');
  });
});

describe('server-event-ids-unique', () => {
  it('passes ids unique across the session\'s streams', () => {
    const result = evaluateCheck('server-event-ids-unique', streamsTrace({ ids: { 1: ['i-1'], 2: ['g-1'], 3: ['c-1', 'c-2'] }, primeCall: true }));
    expect(result).toMatchObject({ status: 'pass', severity: 'MUST', message: '4 SSE event id(s) over 3 stream(s) of session S, none repeated' });
  });
  it('fails ids that restart on every stream', () => {
    const result = evaluateCheck('server-event-ids-unique', streamsTrace({ ids: { 1: ['1'], 2: ['1'], 3: ['1', '2'] }, primeCall: true }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('SSE event id "1" was given on the initialize stream (#1), the GET stream (#2) and the tools/call stream (#3) of session S');
  });
  it('fails an id repeated on one stream too', () => {
    const result = evaluateCheck('server-event-ids-unique', streamsTrace({ ids: { 1: ['a'], 2: ['b'], 3: ['c', 'c'] }, primeCall: true }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('SSE event id "c" was given 2 times on the tools/call stream (#3) of session S');
  });
  it('does not count a resumed stream\'s replay of an event under its own id', () => {
    expect(evaluateCheck('server-event-ids-unique', streamsTrace({ ids: { 1: ['a'], 2: ['b'], 3: ['c', 'd'] }, primeCall: true, resumedGet: true })).status).toBe('pass');
  });
  it('is untested when the server gives no ids, saying so', () => {
    expect(evaluateCheck('server-event-ids-unique', streamsTrace())).toMatchObject({
      status: 'untested',
      message: 'the server gave no SSE event an id on session S\'s 3 stream(s) (it offers no resumption), so there is no id to be unique',
    });
  });
});

type Listen = Extract<EventBody, { kind: 'probe-listen' }>;
const listen = (body: Omit<Listen, 'kind' | 'detail'>): Listen => ({ kind: 'probe-listen', detail: '', ...body });

/** A and B (2026-07-28) each listen as "listen:0"; the harness stops the server; each listen gets `endings`. */
function teardownTrace(endings: { cancel?: boolean; result?: boolean; stamp?: boolean }, options: { stop?: 'url-only' | 'none' | 'killed'; stray?: boolean } = {}) {
  const b = new TraceBuilder().modern().withChecks('server-listen-teardown');
  for (const probe of ['A', 'B']) b.wait(1).push(listen({ state: 'acknowledged', probe, subscription: 'listen:0', requested: ['tools'], honored: ['tools'] }));
  if (options.stop === 'none') return b.build();
  const requestedT = 10;
  b.at(requestedT);
  if (options.stop !== 'url-only') {
    for (const probe of ['A', 'B']) {
      const end = { probe, requestId: 'listen:0', requested: ['tools'] as ['tools'] };
      if (endings.cancel) b.wait(1).push(listen({ state: 'cancelled', ...end, subscription: 'listen:0' }));
      if (endings.result) b.wait(1).push(listen({ state: 'completed', ...end, ...(endings.stamp === false ? {} : { subscription: 'listen:0' }) }));
      b.wait(1).push(listen({ state: 'ended', probe }));
    }
    if (options.stray) b.wait(1).push(listen({ state: 'cancelled', probe: 'A', requestId: 7 }));
  }
  const ok = options.stop !== 'url-only';
  const exited = options.stop === 'killed' ? {} : { exitMs: 5 };
  return b.wait(1).push({ kind: 'server-stop', requestedT, ok, detail: ok ? 'sent SIGTERM' : 'the harness did not start the server', ...(ok ? exited : {}) }).build();
}

describe('server-listen-teardown', () => {
  it('passes a cancellation referencing each open listen, then a closing result carrying its subscriptionId', () => {
    const result = evaluateCheck('server-listen-teardown', teardownTrace({ cancel: true, result: true }));
    expect(result).toMatchObject({ status: 'pass', severity: 'MUST', clause: { keyword: 'MUST', file: 'basic/patterns/cancellation.mdx' } });
    expect(result.message).toBe('when stopped (SIGTERM), the server sent notifications/cancelled referencing each of its 2 open listen(s), and ' +
      'answered each with a closing result carrying its subscriptionId');
  });
  it('fails the cancellation page\'s MUST when only the closing result came (the SDK v2 as it is)', () => {
    const result = evaluateCheck('server-listen-teardown', teardownTrace({ result: true }));
    expect(result).toMatchObject({ status: 'fail', severity: 'MUST', keyword: 'MUST', clause: { file: 'basic/patterns/cancellation.mdx' } });
    expect(result.message).toBe('when stopped (SIGTERM), A\'s listen "listen:0" and B\'s listen "listen:0" were answered with a closing result, ' +
      'but sent no notifications/cancelled referencing them');
  });
  it('fails a listen that closed silently', () => {
    expect(evaluateCheck('server-listen-teardown', teardownTrace({}))).toMatchObject({
      status: 'fail',
      message: 'when stopped (SIGTERM), A\'s listen "listen:0" and B\'s listen "listen:0" were ended with neither notifications/cancelled ' +
        'referencing them nor a closing result',
    });
  });
  it('grades a cancellation with no closing result on the subscriptions page\'s SHOULD', () => {
    const result = evaluateCheck('server-listen-teardown', teardownTrace({ cancel: true }));
    expect(result).toMatchObject({ status: 'fail', severity: 'SHOULD', keyword: 'SHOULD', clause: { section: 'Graceful Closure', keyword: 'SHOULD' } });
    expect(result.message).toMatch(/were sent notifications\/cancelled, but no closing result answered them$/);
  });
  it('grades a closing result without its subscriptionId as best practice (no keyword states it)', () => {
    const result = evaluateCheck('server-listen-teardown', teardownTrace({ cancel: true, result: true, stamp: false }));
    expect(result).toMatchObject({ status: 'fail', severity: 'best-practice', keyword: 'none' });
    expect(result.message).toMatch(/answered with a closing result that does not carry the listen's subscriptionId$/);
  });
  it('fails a server-sent cancellation that references no listen request', () => {
    const result = evaluateCheck('server-listen-teardown', teardownTrace({ cancel: true, result: true }, { stray: true }));
    expect(result).toMatchObject({ status: 'fail', severity: 'MUST' });
    expect(result.message).toBe('when stopped (SIGTERM), it sent notifications/cancelled for 7, which no listen request of that session had');
  });
  it('is untested when the server could not be stopped, was not, or never ended its listens before it was killed', () => {
    expect(evaluateCheck('server-listen-teardown', teardownTrace({}, { stop: 'url-only' }))).toMatchObject({
      status: 'untested', message: 'the harness did not start the server: pass --server with the command that starts it',
    });
    expect(evaluateCheck('server-listen-teardown', teardownTrace({}, { stop: 'none' })).status).toBe('untested');
    expect(evaluateCheck('server-listen-teardown', teardownTrace({}, { stop: 'killed' }))).toMatchObject({
      status: 'untested', message: expect.stringMatching(/^the server was still running after SIGTERM and had ended none of its 2 listen\(s\)/),
    });
  });
});

type Page = Extract<EventBody, { kind: 'probe-page' }>;

/** Sessions list tools in two pages; `second` is page 2's hints (page 1: ttlMs 5000, "public"). */
function pagesTrace(second: Partial<Page>, options: { probes?: string[]; legacy?: boolean } = {}) {
  const b = new TraceBuilder().withChecks('server-cache-hints');
  if (!options.legacy) b.modern();
  for (const probe of options.probes ?? ['A']) {
    b.wait(1).push({ kind: 'probe-page', probe, list: 'tools', nextCursor: '2', ttlMs: 5000, cacheScope: 'public' });
    b.wait(1).push({ kind: 'probe-page', probe, list: 'tools', cursor: '2', ttlMs: 5000, cacheScope: 'public', ...second });
  }
  return b.build();
}

describe('server-cache-hints', () => {
  it('passes hints on every page, one cacheScope across the pages of a list', () => {
    const result = evaluateCheck('server-cache-hints', pagesTrace({}));
    expect(result).toMatchObject({ status: 'pass', severity: 'MUST' });
    expect(result.message).toBe('all 2 page(s) of [tools] carried ttlMs >= 0 and cacheScope; 1 list request(s) of several pages kept one cacheScope throughout');
  });
  it('fails a second page whose cacheScope differs from the first\'s', () => {
    const result = evaluateCheck('server-cache-hints', pagesTrace({ cacheScope: 'private' }, { probes: ['A', 'B'] }));
    expect(result).toMatchObject({ status: 'fail', severity: 'MUST' });
    expect(result.message).toBe('the tools list gave cacheScope "public" on page 1, "private" on page 2 (session A, B)');
  });
  it('fails a page without cacheScope, and a negative or fractional ttlMs', () => {
    const missing = evaluateCheck('server-cache-hints', pagesTrace({ cacheScope: undefined }));
    expect(missing.status).toBe('fail');
    expect(missing.message).toBe('page 2 of the tools list carries no cacheScope (session A); the tools list gave cacheScope "public" on page 1, none on page 2 (session A)');
    expect(evaluateCheck('server-cache-hints', pagesTrace({ ttlMs: -1 }))).toMatchObject({
      status: 'fail', message: 'page 2 of the tools list has ttlMs -1 (it must be an integer >= 0) (session A)',
    });
    expect(evaluateCheck('server-cache-hints', pagesTrace({ ttlMs: 1.5, cacheScope: 'shared' })).status).toBe('fail');
    expect(evaluateCheck('server-cache-hints', pagesTrace({ ttlMs: 1.5, cacheScope: 'shared' })).message).toBe('page 2 of the tools list has ttlMs 1.5 ' +
      '(it must be an integer >= 0) (session A); page 2 of the tools list has cacheScope "shared" (neither "public" nor "private") (session A); the tools ' +
      'list gave cacheScope "public" on page 1, "shared" on page 2 (session A)');
  });
  it('does not judge interim results or errors, and is untested with no page', () => {
    expect(evaluateCheck('server-cache-hints', pagesTrace({ resultType: 'input_required', cacheScope: undefined, ttlMs: undefined })).status).toBe('pass');
    const none = new TraceBuilder().modern().withChecks('server-cache-hints').build();
    expect(evaluateCheck('server-cache-hints', none)).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no list page was read/) });
  });
  it('is not applicable in the 2025 era', () => {
    expect(evaluateCheck('server-cache-hints', pagesTrace({}, { legacy: true })).status).toBe('skip');
  });
});
