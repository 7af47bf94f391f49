import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { PROBE_MARKER } from '../../src/model/words.js';
import { runSteps } from '../../src/runner/stepper.js';
import { ManualClock } from '../../src/trace/clock.js';
import { Journal } from '../../src/trace/journal.js';

const bareMock = () => new MockServer({ catalogue: { tools: [] }, journal: new Journal({ clock: new ManualClock() }) });

afterEach(() => {
  vi.useRealTimers();
});

/** Runs one step on fake timers, with the declared window `debounceMs`; returns its detail and the fake time it took. */
async function step(mock: MockServer, input: unknown, debounceMs?: number) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const started = Date.now();
  let done = false;
  const base = { mock, journal: mock.journal, transport: 'stdio' as const, signal: new AbortController().signal };
  const context = { ...base, ...(debounceMs === undefined ? {} : { debounceMs }) };
  const running = runSteps(context, [input as never]).finally(() => (done = true));
  const idle = () => new Promise((resolve) => setImmediate(resolve));
  const next = () => (vi.getTimerCount() > 0 ? vi.advanceTimersToNextTimerAsync() : idle());
  while (!done) await next();
  await running;
  const ms = Date.now() - started;
  vi.useRealTimers();
  return { detail: mock.journal.ofKind('step').at(-1)?.detail ?? '', ms };
}

const list = (journal: Journal, method: string, marker?: string) =>
  journal.append({
    kind: 'frame-received', session: 's1',
    message: { jsonrpc: '2.0', id: journal.size, method, params: marker ? { _meta: { [PROBE_MARKER]: marker } } : {} },
  });

describe('wait-for since the last hold', () => {
  it('counts an answer held before the wait began, which a wait from the step would miss', async () => {
    const mock = bareMock();
    mock.journal.append({ kind: 'step', index: 0, op: 'hold', phase: 'start' });
    mock.journal.append({ kind: 'response-held', session: 's1', method: 'tools/list', requestId: 1 });
    const fromStep = await step(mock, { op: 'wait-for', event: 'response-held', method: 'tools/list', timeoutMs: 500, optional: true });
    expect(fromStep).toEqual({ detail: 'timed out', ms: 500 });
    const fromHold = await step(mock, { op: 'wait-for', event: 'response-held', method: 'tools/list', since: 'hold', timeoutMs: 500, optional: true });
    expect(fromHold).toMatchObject({ detail: expect.stringMatching(/^seq \d+$/), ms: 0 });
  });
});

describe('gateway-acted and gateway-list: the gateway\'s own moves, not its users\' lists passed through', () => {
  it('takes an unmarked list or a relay of that list, never a list carrying the probe\'s marker', async () => {
    const mock = bareMock();
    // Waits look only past their own start: the events appended before the step are the past it ignores.
    const wait = { op: 'wait-for', event: 'gateway-acted', method: 'prompts/list', timeoutMs: 200, optional: true };
    list(mock.journal, 'prompts/list', 'notification-1');
    mock.journal.append({ kind: 'step', index: 0, op: 'hold', phase: 'start' });
    // From the hold: a marked list (the probe's) does not count, a tools relay does not either.
    list(mock.journal, 'prompts/list', 'notification-2');
    mock.journal.append({ kind: 'probe-notification', method: 'notifications/tools/list_changed' });
    expect(await step(mock, { ...wait, since: 'hold' })).toEqual({ detail: 'timed out', ms: 200 });
    mock.journal.append({ kind: 'probe-notification', method: 'notifications/prompts/list_changed' });
    expect(await step(mock, { ...wait, since: 'hold' })).toMatchObject({ ms: 0 });
    const own = { op: 'wait-for', event: 'gateway-list', method: 'prompts/list', since: 'hold', timeoutMs: 200, optional: true };
    expect(await step(mock, own)).toEqual({ detail: 'timed out', ms: 200 });
    list(mock.journal, 'prompts/list');
    expect(await step(mock, own)).toMatchObject({ ms: 0 });
  });
});

describe('waits that add the declared window', () => {
  it('sleeps its time plus --debounce, and only its time when none was declared', async () => {
    expect(await step(bareMock(), { op: 'sleep', ms: 500, plusWindow: true }, 1_000)).toEqual({ detail: '1500 ms (1000 ms window declared)', ms: 1_500 });
    expect(await step(bareMock(), { op: 'sleep', ms: 500, plusWindow: true })).toEqual({ detail: '500 ms (no window declared)', ms: 500 });
    expect(await step(bareMock(), { op: 'sleep', ms: 500 }, 1_000)).toEqual({ detail: '', ms: 500 });
  });
});
