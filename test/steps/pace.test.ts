import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CatalogueSeedInput } from '../../src/model/catalogue-schema.js';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { runSteps } from '../../src/runner/stepper.js';
import { MIN_PACED_MS, paceOf, PENDING_WORK_MS, pendingWork, viewsCurrent } from '../../src/steps/pace.js';
import { ManualClock } from '../../src/trace/clock.js';
import { Journal } from '../../src/trace/journal.js';

/** Appends at a given trace time (ms after the journal's origin). */
function at(journal: Journal, t: number) {
  return {
    initialized: () => journal.append({ kind: 'frame-received', session: 's1', message: { jsonrpc: '2.0', id: 0, method: 'initialize' } }, journal.origin + t),
    note: (delivered = true) =>
      journal.append({ kind: 'notification', session: 's1', method: 'notifications/tools/list_changed', delivered }, journal.origin + t),
    list: (method = 'tools/list') =>
      journal.append({ kind: 'frame-received', session: 's1', message: { jsonrpc: '2.0', id: t, method } }, journal.origin + t),
  };
}

describe('paceOf: how fast the target acts on a change', () => {
  it('is unknown until the target has acted, then its first listing after its initialize request sets it', () => {
    const journal = new Journal();
    expect(paceOf(journal)).toBeUndefined();
    at(journal, 10).initialized();
    expect(paceOf(journal)).toBeUndefined();
    at(journal, 14).list();
    expect(paceOf(journal)).toBeCloseTo(4, 3);
  });

  it('takes the fastest reaction to a delivered list_changed over the start-up, ignoring undelivered ones', () => {
    const journal = new Journal();
    at(journal, 0).initialized();
    at(journal, 1).list();
    at(journal, 100).note();
    at(journal, 150).list('resources/list');
    // A second reaction that waited on a held answer is slower; the target's pace is still its first.
    at(journal, 200).note();
    at(journal, 1200).list();
    at(journal, 1300).note(false);
    expect(paceOf(journal)).toBeCloseTo(50, 3);
  });
});

/** A bare mock whose journal stamps events on a clock only the test moves: a target's pace is exactly what the test appends. */
const bareMock = (catalogue: CatalogueSeedInput = { tools: [] }) =>
  new MockServer({ catalogue, journal: new Journal({ clock: new ManualClock() }) });

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Runs one step against a bare mock on fake timers and returns its journaled detail and how much fake time it took:
 * exact, whatever the machine's load. `during` acts while the step runs (the target listing), moving fake time itself.
 */
async function step(mock: MockServer, input: unknown, during?: (advance: (ms: number) => Promise<unknown>) => Promise<void>) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const started = Date.now();
  let done = false;
  const running = runSteps({ mock, journal: mock.journal, transport: 'stdio', signal: new AbortController().signal }, [input as never])
    .finally(() => (done = true));
  await during?.((ms) => vi.advanceTimersByTimeAsync(ms));
  // Fake time moves only from timer to timer; with none pending, let the step's promises settle (setImmediate is real).
  while (!done) {
    await (vi.getTimerCount() > 0 ? vi.advanceTimersToNextTimerAsync() : new Promise((resolve) => setImmediate(resolve)));
  }
  await running;
  const ms = Date.now() - started;
  vi.useRealTimers();
  return { detail: mock.journal.ofKind('step').at(-1)?.detail ?? '', ms };
}

describe('await-settled and paced waits: observation that ends on evidence', () => {
  it('ends after a quiet of PACE_FACTOR times the pace, within its floor', async () => {
    const mock = bareMock();
    at(mock.journal, 0).initialized();
    at(mock.journal, 10).list();
    const { detail, ms } = await step(mock, { op: 'await-settled', minQuietMs: 40, maxQuietMs: 5_000 });
    expect(detail).toBe('quiet 40 ms (the target\'s pace 10.0 ms)');
    // The quiet it armed is the quiet it waited: the floor, not the 5 s ceiling.
    expect(ms).toBe(40);
  });

  it('waits the longest quiet for a target that has not acted, and re-derives it once the target lists', async () => {
    const mock = bareMock();
    at(mock.journal, 0).initialized();
    const unknown = await step(mock, { op: 'await-settled', minQuietMs: 10, maxQuietMs: 60 });
    expect(unknown).toEqual({ detail: 'quiet 60 ms (the target has not reacted)', ms: 60 });

    const fresh = bareMock();
    at(fresh.journal, 0).initialized();
    // 25 ms into the step the target lists, 3 ms after its initialize: the quiet shrinks to the floor from there.
    const { detail, ms } = await step(fresh, { op: 'await-settled', minQuietMs: 10, maxQuietMs: 30_000 }, async (advance) => {
      await advance(25);
      at(fresh.journal, 3).list();
    });
    expect(detail).toBe('quiet 10 ms (the target\'s pace 3.0 ms)');
    expect(ms).toBe(25 + 10);
  });

  it('needs only a short quiet once the view reports show every list as the catalogue has it', async () => {
    const mock = bareMock({ tools: [{ name: 'alpha' }], prompts: [{ name: 'greet' }] });
    expect(viewsCurrent(mock.journal, mock)).toBe(false);
    mock.journal.append({ kind: 'target-view', list: 'tools', names: ['alpha'] });
    // Prompts, which the catalogue has, are not reported yet: a slow client may still be about to fetch them.
    expect(viewsCurrent(mock.journal, mock)).toBe(false);
    mock.journal.append({ kind: 'target-view', list: 'prompts', names: ['greet'] });
    expect(viewsCurrent(mock.journal, mock)).toBe(true);
    mock.add('tools', { name: 'beta' });
    expect(viewsCurrent(mock.journal, mock)).toBe(false);
    mock.journal.append({ kind: 'target-view', list: 'tools', names: ['beta', 'alpha'] });
    mock.journal.append({ kind: 'target-view', list: 'prompts', names: [] });
    expect(viewsCurrent(mock.journal, mock)).toBe(false);
    mock.journal.append({ kind: 'target-view', list: 'prompts', names: ['greet'] });
    expect(viewsCurrent(mock.journal, mock)).toBe(true);
    expect(await step(mock, { op: 'await-settled', currentQuietMs: 20, maxQuietMs: 30_000 })).toEqual({ detail: 'quiet 20 ms (its view is current)', ms: 20 });
  });

  it('bounds a paced optional wait by the target pace, and leaves an unpaced one at its timeout', async () => {
    const mock = bareMock();
    at(mock.journal, 0).initialized();
    at(mock.journal, 100).note();
    at(mock.journal, 120).list();
    // A pace of 20 ms: twice that is under the floor, so the paced wait lasts MIN_PACED_MS, not its 30 s timeout.
    const paced = await step(mock, { op: 'wait-for', event: 'list-served', timeoutMs: 30_000, optional: true, paced: true });
    expect(paced).toEqual({ detail: 'timed out', ms: MIN_PACED_MS });
    const required = await step(mock, { op: 'wait-for', event: 'list-served', timeoutMs: 30, paced: false });
    expect(required).toEqual({ detail: 'the target did not: waited 30 ms for 1 × list-served', ms: 30 });
  });
});

describe('pendingWork: what the target visibly has left to do, which no paced quiet may cut short', () => {
  const served = (journal: Journal, id: number, nextCursor?: string, cursor?: string) =>
    journal.append({
      kind: 'list-served', session: 's1', method: 'tools/list', requestId: id, revision: 0, keys: ['a'],
      ...(cursor ? { cursor } : {}), ...(nextCursor ? { nextCursor } : {}),
    });
  const asked = (journal: Journal, id: number, cursor?: string) =>
    journal.append({ kind: 'frame-received', session: 's1', message: { jsonrpc: '2.0', id, method: 'tools/list', params: cursor ? { cursor } : {} } });

  it('is a page the target was handed a cursor for and has not asked for yet', () => {
    const journal = new Journal();
    asked(journal, 1);
    served(journal, 1, 'p2');
    expect(pendingWork(journal)).toBe('tools/list page p2 not yet asked for');
    asked(journal, 2, 'p2');
    served(journal, 2, undefined, 'p2');
    expect(pendingWork(journal)).toBeUndefined();
  });

  it('is, for a target that reports views, a fetch finished after its last report of that list', () => {
    const journal = new Journal();
    asked(journal, 1);
    served(journal, 1);
    // A target that never reports views has nothing pending here: the wire is all there is.
    expect(pendingWork(journal)).toBeUndefined();
    journal.append({ kind: 'target-view', list: 'tools', names: ['a'] });
    expect(pendingWork(journal)).toBeUndefined();
    asked(journal, 2);
    served(journal, 2);
    expect(pendingWork(journal)).toBe('tools/list fetched but not yet reported');
  });

  it('keeps await-settled waiting past the paced quiet while a page is pending', async () => {
    const mock = bareMock();
    at(mock.journal, 0).initialized();
    at(mock.journal, 10).list();
    served(mock.journal, 10, 'p2');
    // The next page comes 200 ms later (a loaded machine): far past the paced quiet of 20 ms, and still awaited.
    const { detail, ms } = await step(mock, { op: 'await-settled', minQuietMs: 20, maxQuietMs: 30 }, async (advance) => {
      await advance(200);
      asked(mock.journal, 11, 'p2');
      served(mock.journal, 11, undefined, 'p2');
    });
    expect(detail).toBe('quiet 20 ms (the target\'s pace 10.0 ms)');
    expect(ms).toBe(200 + 20);
    expect(mock.journal.ofKind('frame-received').at(-1)?.seq).toBeLessThan(mock.journal.ofKind('settled').at(-1)?.seq ?? 0);
  });

  it('waits at most PENDING_WORK_MS for a page that never comes', async () => {
    const mock = bareMock();
    at(mock.journal, 0).initialized();
    at(mock.journal, 10).list();
    served(mock.journal, 10, 'p2');
    expect(await step(mock, { op: 'await-settled', minQuietMs: 20, maxQuietMs: 30 })).toEqual({
      detail: `quiet ${PENDING_WORK_MS} ms (tools/list page p2 not yet asked for)`,
      ms: PENDING_WORK_MS,
    });
  });
});

describe('await-refresh', () => {
  it('waits for the re-list after a notification replayed on a resumed stream, as after a delivered one', async () => {
    const mock = bareMock();
    mock.journal.append({ kind: 'notification', session: 's1', method: 'notifications/tools/list_changed', delivered: false, reason: 'no standalone GET stream open' });
    mock.journal.append({
      kind: 'frame-sent', session: 's1', stream: 'get-2', replay: true, eventId: '1',
      message: { jsonrpc: '2.0', method: 'notifications/tools/list_changed' },
    });
    const refreshed = await step(mock, { op: 'await-refresh', lists: ['tools'], timeoutMs: 5_000 }, async (advance) => {
      await advance(50);
      mock.journal.append({ kind: 'frame-received', session: 's1', message: { jsonrpc: '2.0', id: 7, method: 'tools/list' } });
    });
    expect(refreshed).toEqual({ detail: 'tools: re-listed', ms: 50 });
  });
});
