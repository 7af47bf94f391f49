/**
 * How a client library shows a server's names (`srv_alpha`, `ALPHA`, `storm_1` for `storm-1`): one transform for
 * every name, `prefix + case(separators(key)) + suffix`, and the renames worth trying on a view. `names.ts` judges
 * which one, if any, explains a view.
 */

/** Characters slugs and identifier rules swap for one another. */
export const SEPARATORS = ['_', '-', '.'] as const;
export type Separator = (typeof SEPARATORS)[number];
export type LetterCase = 'keep' | 'lower' | 'upper';
const LETTER_CASES: readonly LetterCase[] = ['keep', 'lower', 'upper'];

/** How a target shows an upstream key. */
export interface Rename {
  prefix: string;
  suffix: string;
  letterCase: LetterCase;
  /** What each separator becomes; a separator not listed is kept. */
  separators: Partial<Record<Separator, Separator>>;
}

export const IDENTITY: Rename = { prefix: '', suffix: '', letterCase: 'keep', separators: {} };

/**
 * Shown names a rename is fitted from. Any one name the rename explains yields it; a few more only sharpen the
 * near-miss on a stale view, and the bound keeps a view of a long storm cheap.
 */
export const MAX_SAMPLED_NAMES = 8;

const isSeparator = (ch: string): ch is Separator => (SEPARATORS as readonly string[]).includes(ch);

/** Maps a string code unit by code unit; a change that would alter the length (ß → SS) is not made, so positions hold. */
function perUnit(text: string, change: (ch: string) => string): string {
  let out = '';
  for (const ch of text.split('')) {
    const changed = change(ch);
    out += changed.length === 1 ? changed : ch;
  }
  return out;
}

const caseOf = (ch: string, letterCase: LetterCase): string =>
  letterCase === 'lower' ? ch.toLowerCase() : letterCase === 'upper' ? ch.toUpperCase() : ch;

/** A key's letters (not its separators) in a case, code unit by code unit. */
const lettersIn = (key: string, letterCase: LetterCase): string =>
  perUnit(key, (ch) => (isSeparator(ch) ? ch : caseOf(ch, letterCase)));

/** Case and separators folded away: what every rename's style leaves of a name. */
const fold = (text: string): string => perUnit(text, (ch) => (isSeparator(ch) ? '_' : ch.toLowerCase()));

/** The name a key is shown as under a rename. */
export function applyRename(rename: Rename, key: string): string {
  const body = perUnit(key, (ch) => (isSeparator(ch) ? rename.separators[ch] ?? ch : caseOf(ch, rename.letterCase)));
  return `${rename.prefix}${body}${rename.suffix}`;
}

/** A rename's identity, for telling renames apart. */
const idOf = (rename: Rename): string => JSON.stringify(rename);

export const isIdentity = (rename: Rename): boolean => idOf(rename) === idOf(IDENTITY);

/** A rename in words: `srv_<name>`, `<name> ('-' as '_', upper case)`. */
export function describeRename(rename: Rename): string {
  const notes = Object.entries(rename.separators).map(([from, to]) => `'${from}' as '${to}'`);
  if (rename.letterCase !== 'keep') notes.push(`${rename.letterCase} case`);
  return `${rename.prefix}<name>${rename.suffix}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** Where some known key occurs inside a shown name, case and separators aside: the prefix and suffix around it. */
function affixes(samples: readonly string[], known: ReadonlySet<string>): [string, string][] {
  const folded = [...known].map(fold).filter((key) => key !== '');
  const out = new Map<string, [string, string]>();
  for (const name of samples) {
    const text = fold(name);
    for (const key of folded) {
      for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
        const affix: [string, string] = [name.slice(0, at), name.slice(at + key.length)];
        out.set(affix.join('\u0000'), affix);
      }
    }
  }
  return [...out.values()];
}

/** What a rename is fitted against: the names shown, and the known keys by their folded form. */
interface Fitting {
  shown: readonly string[];
  byFold: ReadonlyMap<string, string[]>;
}

/**
 * Completes a prefix, suffix and case into a rename: each separator becomes what it is shown as most often across
 * every shown name the three fit. Undefined when they fit none.
 */
function fit(shape: Omit<Rename, 'separators'>, { shown, byFold }: Fitting): Rename | undefined {
  const { prefix, suffix, letterCase } = shape;
  const votes = new Map<string, number>();
  const vote = (from: string, to: string) => votes.set(from + to, (votes.get(from + to) ?? 0) + 1);
  let fitted = 0;
  for (const name of shown) {
    if (name.length < prefix.length + suffix.length || !name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const middle = name.slice(prefix.length, name.length - suffix.length);
    for (const key of byFold.get(fold(middle)) ?? []) {
      const cased = lettersIn(key, letterCase);
      const units = key.split('');
      if (!units.every((ch, i) => isSeparator(ch) || cased[i] === middle[i])) continue;
      fitted += 1;
      units.forEach((ch, i) => {
        if (isSeparator(ch)) vote(ch, middle[i] ?? ch);
      });
    }
  }
  if (fitted === 0) return undefined;
  const separators: Rename['separators'] = {};
  for (const from of SEPARATORS) {
    const count = (to: Separator) => votes.get(from + to) ?? 0;
    const to = SEPARATORS.reduce((best, next) => (count(next) > count(best) ? next : best), from); // a tie keeps the separator
    if (to !== from) separators[from] = to;
  }
  return { ...shape, separators };
}

/** Every rename worth reading the view under: the identity first, then those fitted around sampled shown names. */
export function renameCandidates(shown: readonly string[], known: ReadonlySet<string>): Rename[] {
  const byFold = new Map<string, string[]>();
  for (const key of known) {
    const same = byFold.get(fold(key));
    if (same) same.push(key);
    else byFold.set(fold(key), [key]);
  }
  const samples = shown.filter((name) => !known.has(name)).slice(0, MAX_SAMPLED_NAMES);
  const out = new Map<string, Rename>([[idOf(IDENTITY), IDENTITY]]);
  for (const [prefix, suffix] of affixes(samples, known)) {
    for (const letterCase of LETTER_CASES) {
      const rename = fit({ prefix, suffix, letterCase }, { shown, byFold });
      if (rename && !out.has(idOf(rename))) out.set(idOf(rename), rename);
    }
  }
  return [...out.values()];
}
