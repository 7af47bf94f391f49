import { describe, expect, it } from 'vitest';
import { explainAmbiguity, matchNames } from '../../src/checks/support/names.js';
import { applyRename, describeRename, IDENTITY, isIdentity } from '../../src/checks/support/rename.js';

const BASE = ['alpha', 'beta', 'gamma'];
const STORM = [...BASE, ...Array.from({ length: 20 }, (_, i) => `storm-${i + 1}`), 'snake_case.tool'];

/** Matches `names` shown for the final keys, and describes the rename it found. */
function judge(shown: string[], current: string[], known: string[] = []) {
  const match = matchNames({ shown, current, known });
  return { ...match, shownAs: describeRename(match.rename) };
}

describe('applyRename', () => {
  it('shows a key with a prefix, a suffix, a case and swapped separators', () => {
    const rename = { prefix: 'srv__', suffix: '@x', letterCase: 'upper', separators: { '-': '_', '_': '-' } } as const;
    expect(applyRename(rename, 'storm-1_a.b')).toBe('srv__STORM_1-A.B@x');
  });
  it('keeps a key as it is under the identity', () => {
    expect(applyRename(IDENTITY, 'Storm-1')).toBe('Storm-1');
    expect(isIdentity(IDENTITY)).toBe(true);
  });
});

describe('matchNames', () => {
  it('matches names shown exactly, without a rename', () => {
    expect(judge(BASE, BASE)).toMatchObject({ current: true, shownAs: '<name>', missing: [], extra: [] });
  });

  it.each([
    { how: 'a constant prefix', rename: (n: string) => `srv_${n}`, shownAs: 'srv_<name>' },
    { how: 'a constant suffix', rename: (n: string) => `${n}@mock`, shownAs: '<name>@mock' },
    { how: 'swapped separators', rename: (n: string) => n.replace(/[-_]/g, (c) => (c === '-' ? '_' : '-')), shownAs: '<name> (\'_\' as \'-\', \'-\' as \'_\')' },
    { how: 'upper case with dots', rename: (n: string) => n.toUpperCase().replace(/[-_]/g, '.'), shownAs: '<name> (\'_\' as \'.\', \'-\' as \'.\', upper case)' },
    { how: 'a prefix, a case and a separator at once', rename: (n: string) => `MCP-${n.toUpperCase().replaceAll('-', '_')}`, shownAs: 'MCP-<name> (\'-\' as \'_\', upper case)' },
  ])('recognises a current view behind $how', ({ rename, shownAs }) => {
    const match = judge(STORM.map(rename), STORM);
    expect(match).toMatchObject({ current: true, shownAs, missing: [], extra: [] });
    expect(match.keys).toEqual(STORM);
  });

  it('reports a stale view behind a prefix by the upstream key it lacks', () => {
    const match = judge(BASE.map((n) => `srv_${n}`), [...BASE, 'delta']);
    expect(match).toMatchObject({ current: false, shownAs: 'srv_<name>', missing: ['delta'], extra: [] });
  });

  it('names a removed item still shown renamed by its upstream key', () => {
    const match = judge(BASE.map((n) => n.toUpperCase()), ['alpha', 'gamma'], BASE);
    expect(match).toMatchObject({ current: false, shownAs: '<name> (upper case)', missing: [], extra: ['beta'] });
  });

  it('does not let a shown catalogue key stand for another key', () => {
    // `alpha-beta` could be `beta` behind an `alpha-` prefix, but it is itself a key: exact matches win.
    expect(judge(['alpha-beta'], ['beta', 'alpha-beta'])).toMatchObject({ current: false, shownAs: '<name>', missing: ['beta'], extra: [] });
    expect(judge(['alpha-beta'], ['beta'], ['alpha-beta'])).toMatchObject({ current: false, missing: ['beta'], extra: ['alpha-beta'] });
  });

  it('refuses a rename only some names follow', () => {
    expect(judge(['srv_alpha', 'beta'], ['alpha', 'beta'])).toMatchObject({ current: false, shownAs: '<name>', missing: ['alpha'], extra: ['srv_alpha'] });
  });

  it('refuses a reading another rename, explaining as many names, contradicts', () => {
    // `srv_alpha-beta` is the current `beta` behind `srv_alpha-`, or the removed `alpha-beta` behind `srv_`.
    const match = judge(['srv_alpha-beta'], ['beta'], ['alpha-beta']);
    expect(match.current).toBe(false);
    expect(match.ambiguity && explainAmbiguity(match.ambiguity)).toBe(
      '\'srv_alpha-beta\' reads as beta (names shown as srv_alpha-<name>) and as alpha-beta (names shown as srv_<name>)',
    );
    expect(match.keys).not.toEqual(['beta']);
  });

  it('refuses the simplest reading too when another one contradicts it', () => {
    // `p_x_a` is the current `x_a` behind `p_` (simplest) — or the removed `a` behind `p_x_`.
    const match = judge(['p_x_a'], ['x_a'], ['a']);
    expect(match).toMatchObject({ current: false, shownAs: 'p_<name>', ambiguity: { name: 'p_x_a' }, keys: ['p_x_a'] });
  });

  it('recognises neither of two keys a rename shows alike', () => {
    expect(judge(['a_b'], ['a-b', 'a.b'])).toMatchObject({ current: false, missing: ['a-b', 'a.b'], extra: ['a_b'] });
  });

  it('compares exactly when told to (resource URIs, lists read off the wire)', () => {
    const match = matchNames({ shown: ['srv_mock://docs/one'], current: ['mock://docs/one'], exact: true });
    expect(match).toMatchObject({ current: false, missing: ['mock://docs/one'], extra: ['srv_mock://docs/one'] });
    expect(matchNames({ shown: ['MOCK://DOCS/ONE'], current: ['mock://docs/one'], exact: true }).current).toBe(false);
  });

  it('gives the view in upstream keys, and the names as shown when no reading is trusted', () => {
    expect(judge(['srv_alpha', 'srv_beta'], ['alpha'], ['beta']).keys).toEqual(['alpha', 'beta']);
    expect(judge(['srv_alpha', 'beta'], ['alpha', 'beta']).keys).toEqual(['srv_alpha', 'beta']);
  });

  it('finds the rename in a long view, and the one key it lacks', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `item-${i}`);
    expect(judge(keys.slice(1).map((n) => `x_${n}`), keys)).toMatchObject({ current: false, shownAs: 'x_<name>', missing: ['item-0'], extra: [] });
  });
});
