import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/mock-server/catalogue.js';
import { Journal } from '../../src/trace/journal.js';

describe('Catalogue', () => {
  it('bumps the revision on every mutation and journals it', () => {
    const journal = new Journal();
    const catalogue = new Catalogue({ tools: [{ name: 'a' }] }, journal);
    expect(catalogue.revision).toBe(0);
    expect(catalogue.add('tools', { name: 'b' })).toBe(1);
    expect(catalogue.update('tools', 'a', { description: 'x' })).toBe(2);
    expect(catalogue.remove('tools', 'b')).toBe(3);
    expect(journal.ofKind('catalogue-mutated').map((event) => [event.op, event.key, event.revision])).toEqual(
      [
        ['add', 'b', 1],
        ['update', 'a', 2],
        ['remove', 'b', 3],
      ],
    );
  });

  it('fills defaults from the schema and keys resources by uri', () => {
    const catalogue = new Catalogue({ resources: [{ uri: 'mock://x', name: 'x' }] });
    expect(catalogue.get('resources', 'mock://x')).toEqual({
      uri: 'mock://x',
      name: 'x',
      mimeType: 'text/plain',
      text: '',
    });
    expect(catalogue.list('tools')).toEqual([]);
  });

  it('refuses duplicates, unknown keys and key changes', () => {
    const catalogue = new Catalogue({ tools: [{ name: 'a' }] });
    expect(() => catalogue.add('tools', { name: 'a' })).toThrow(/already has "a"/);
    expect(() => catalogue.remove('tools', 'zz')).toThrow(/has no "zz"/);
    expect(() => catalogue.update('tools', 'a', { name: 'b' })).toThrow(/cannot change the key/);
    expect(catalogue.revision).toBe(0);
  });

  it('pages in insertion order with opaque cursors and an empty last page when the list shrank', () => {
    const catalogue = new Catalogue({ prompts: ['p1', 'p2', 'p3'].map((name) => ({ name })) });
    const first = catalogue.page('prompts', undefined, 2);
    expect(first.items.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(first.nextCursor).not.toContain('2');
    catalogue.remove('prompts', 'p3');
    catalogue.remove('prompts', 'p2');
    const second = catalogue.page('prompts', first.nextCursor, 2);
    expect(second).toEqual({ items: [], revision: 2 });
    expect(catalogue.page('prompts', undefined, 0).items).toHaveLength(1);
    expect(() => catalogue.page('prompts', 'bogus', 2)).toThrow(/invalid cursor/);
  });
});
