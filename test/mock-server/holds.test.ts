import { describe, expect, it } from 'vitest';
import { Holds } from '../../src/mock-server/holds.js';
import { Journal } from '../../src/trace/journal.js';

describe('Holds', () => {
  it('holds only the counted number of responses and releases them oldest first', async () => {
    const journal = new Journal();
    const holds = new Holds(journal);
    holds.hold('tools/list', 2);
    const order: number[] = [];
    const gates = [1, 2, 3].map((id) => holds.gate('s', 'tools/list', id).then(() => order.push(id)));
    await gates[2];
    expect(order).toEqual([3]);
    expect(holds.pending).toBe(2);
    expect(holds.release('tools/list')).toBe(2);
    await Promise.all(gates);
    expect(order).toEqual([3, 1, 2]);
    expect(journal.ofKind('response-released').map((event) => event.requestId)).toEqual([1, 2]);
  });

  it('holds only a gateway\'s own requests when told to: its users\' lists, carrying the probe\'s marker, are answered', async () => {
    const holds = new Holds(new Journal());
    holds.hold('tools/list', 1, true);
    await holds.gate('s', 'tools/list', 1, true);
    expect(holds.pending).toBe(0);
    const own = holds.gate('s', 'tools/list', 2, false);
    expect(holds.pending).toBe(1);
    // The one hold is taken: a second own request is answered.
    await holds.gate('s', 'tools/list', 3, false);
    expect(holds.release('tools/list')).toBe(1);
    await own;
  });

  it('lets other methods through and releaseAll frees everything', async () => {
    const holds = new Holds(new Journal());
    holds.hold('tools/list');
    await holds.gate('s', 'prompts/list', 1);
    const held = holds.gate('s', 'tools/list', 2);
    holds.releaseAll();
    await held;
    expect(holds.pending).toBe(0);
  });
});
