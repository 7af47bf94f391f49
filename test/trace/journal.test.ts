import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/trace/clock.js';
import { Journal } from '../../src/trace/journal.js';
import { parseJsonl } from '../../src/trace/jsonl.js';

describe('Journal', () => {
  it('stamps seq and t (ms since its origin) on each event', () => {
    const clock = new ManualClock(1000);
    const journal = new Journal({ clock });
    clock.advance(2.5);
    journal.append({ kind: 'session-opened', session: 's', transport: 'stdio' });
    clock.advance(1);
    journal.append({ kind: 'session-closed', session: 's', reason: 'done' });
    expect(journal.snapshot().map((event) => [event.seq, event.t])).toEqual([
      [0, 2.5],
      [1, 3.5],
    ]);
  });

  it('rejects a malformed event on append when asked, and always before it leaves the journal', () => {
    const strict = new Journal({ validateOnAppend: true });
    expect(() =>
      strict.append({ kind: 'session-opened', session: 's', transport: 'pigeon' } as never),
    ).toThrow();
    expect(strict.size).toBe(0);
    const journal = new Journal();
    journal.append({ kind: 'session-opened', session: 's', transport: 'pigeon' } as never);
    expect(() => journal.snapshot()).toThrow(/journal event 0 is malformed/);
    expect(() => journal.toJsonl()).toThrow(/journal event 0 is malformed/);
  });

  it('resolves waitFor with past or future events and times out with what it waited for', async () => {
    const journal = new Journal();
    journal.append({ kind: 'fault', fault: 'one' });
    await expect(
      journal.waitOrThrow((event) => event.kind === 'fault', { timeoutMs: 10 }),
    ).resolves.toMatchObject({ seq: 0 });
    const later = journal.waitOrThrow((event) => event.kind === 'fault', { timeoutMs: 1000, fromSeq: 1 });
    journal.append({ kind: 'fault', fault: 'two' });
    await expect(later).resolves.toMatchObject({ fault: 'two' });
    await expect(journal.waitOrThrow(() => false, { timeoutMs: 5, what: 'nothing' })).rejects.toThrow(
      /waiting for nothing/,
    );
  });

  it('round-trips through JSONL and names the bad line of a broken file', () => {
    const journal = new Journal();
    journal.append({ kind: 'fault', fault: 'x', detail: 'y' });
    journal.append({
      kind: 'stream-opened',
      session: 's',
      stream: 'g',
      role: 'standalone',
      lastEventId: '3',
    });
    expect(parseJsonl(journal.toJsonl())).toEqual(journal.snapshot());
    expect(() => parseJsonl(`${journal.toJsonl()}{"seq":2}\n`, 'trace.jsonl')).toThrow(/trace.jsonl:3: kind/);
    expect(() => parseJsonl('nope', 't')).toThrow(/t:1: not valid JSON/);
  });
});

describe('Journal with a capacity', () => {
  it('keeps at most its capacity in memory, numbering on, and waits and JSONL see only what is kept', async () => {
    const journal = new Journal({ capacity: 1_000 });
    for (let i = 0; i < 10_500; i++) journal.append({ kind: 'fault', fault: 'drop-notification' });
    expect(journal.size).toBe(10_500);
    expect(journal.firstInMemory).toBeGreaterThanOrEqual(9_500);
    expect(journal.ofKind('fault').length).toBeLessThanOrEqual(1_000);
    expect(journal.snapshot().at(-1)?.seq).toBe(10_499);
    const lines = journal.toJsonl(0).trim().split('\n');
    expect((JSON.parse(lines[0] ?? '{}') as { seq: number }).seq).toBe(journal.firstInMemory);
    expect((await journal.waitFor((event) => event.seq === 10_499, { timeoutMs: 10 }))?.seq).toBe(10_499);
  });
});
