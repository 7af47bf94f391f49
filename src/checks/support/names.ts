/**
 * Judging a target's view behind its renaming: a view is current only when one rename maps the final keys one-to-one
 * onto the names shown, and no other rename that explains as many names reads them differently.
 */
import { sameSet } from '../../trace/queries.js';
import { applyRename, describeRename, IDENTITY, type Rename, renameCandidates } from './rename.js';

/** How one rename reads a shown name: the upstream key it stands for, if any. */
export interface NameReading {
  rename: Rename;
  key?: string;
}

/** A target's names matched to the server's final keys. */
export interface NameMatch {
  /** The rename that explains the most shown names (the identity when they are the server's keys). */
  rename: Rename;
  /** Final keys the view does not show. */
  missing: string[];
  /** Shown items that are not final keys: the removed key a name stands for, else the name as shown. */
  extra: string[];
  /** A shown name another rename, explaining as many names, reads as a different key: current cannot be told from stale. */
  ambiguity?: { name: string; readings: [NameReading, NameReading] };
  /** The view in upstream keys; the names as shown when no reading makes it current. */
  keys: string[];
  /** One rename, unambiguously, maps the final keys one-to-one onto the names shown. */
  current: boolean;
}

export interface NameMatchInput {
  /** The names the target shows. */
  shown: readonly string[];
  /** The server's final keys. */
  current: readonly string[];
  /** Every key the server held during the run, so a stale item shown renamed is named by its key. */
  known?: readonly string[];
  /** Compare exactly: the keys are resource URIs, or the names were read off the wire. */
  exact?: boolean;
}

/** The names shown, deduplicated, and every key the server held. */
interface View {
  shown: readonly string[];
  known: ReadonlySet<string>;
}

/** One rename's reading of the view. */
interface Reading {
  rename: Rename;
  keyOf: Map<string, string>;
  complexity: number;
}

/** Reads the shown names under a rename. A name that is itself a known key stands for that key or for nothing. */
function read(rename: Rename, { shown, known }: View): Reading {
  const images = new Map<string, string | null>();
  for (const key of known) {
    const image = applyRename(rename, key);
    images.set(image, images.has(image) ? null : key); // two keys shown alike: neither is recognised
  }
  const keyOf = new Map<string, string>();
  for (const name of shown) {
    const key = images.get(name);
    if (typeof key === 'string' && (!known.has(name) || key === name)) keyOf.set(name, key);
  }
  const styled = Object.keys(rename.separators).length + (rename.letterCase === 'keep' ? 0 : 1);
  return { rename, keyOf, complexity: rename.prefix.length + rename.suffix.length + styled };
}

/**
 * Matches shown names to the final keys through the rename that explains the most of them (the simplest on a tie; the
 * identity first, so exact matches win). Pure; no I/O.
 */
export function matchNames(input: NameMatchInput): NameMatch {
  const shown = [...new Set(input.shown)];
  const current = new Set(input.current);
  const known = new Set([...input.current, ...(input.known ?? [])]);
  const renames = input.exact ? [IDENTITY] : renameCandidates(shown, known);
  const readings = renames
    .map((rename) => read(rename, { shown, known }))
    .sort((a, b) => b.keyOf.size - a.keyOf.size || a.complexity - b.complexity); // stable: the identity leads its equals
  const best = readings[0] ?? read(IDENTITY, { shown, known });
  // Every name stands for a final key and every final key is shown (one-to-one: a rename shows two keys alike never).
  const full = ({ keyOf }: Reading) =>
    keyOf.size === shown.length && keyOf.size === current.size && [...keyOf.values()].every((key) => current.has(key));
  const signature = (reading: Reading) => JSON.stringify(shown.map((name) => reading.keyOf.get(name) ?? null));
  const rivals = readings.filter((reading) => reading.keyOf.size === best.keyOf.size && signature(reading) !== signature(best));
  const rival = full(best) ? rivals[0] : rivals.find(full);
  const ambiguity = rival ? ambiguous(full(best) ? [best, rival] : [rival, best], shown) : undefined;
  const shownKeys = new Set(best.keyOf.values());
  const missing = [...current].filter((key) => !shownKeys.has(key));
  const extra = shown.flatMap((name) => {
    const key = best.keyOf.get(name);
    return key !== undefined && current.has(key) ? [] : [key ?? name];
  });
  const isCurrent = full(best) && !ambiguity;
  const keys = shown.map((name) => best.keyOf.get(name) ?? name);
  // A reading that is not trusted must not turn into a set the final keys equal (an inconsistent or ambiguous rename).
  const trusted = isCurrent || !sameSet(keys, input.current) ? keys : shown;
  return { rename: best.rename, missing, extra, keys: trusted, current: isCurrent, ...(ambiguity ? { ambiguity } : {}) };
}

function ambiguous([a, b]: [Reading, Reading], shown: readonly string[]): NameMatch['ambiguity'] {
  const name = shown.find((n) => a.keyOf.get(n) !== b.keyOf.get(n)) ?? '';
  const reading = (r: Reading): NameReading => {
    const key = r.keyOf.get(name);
    return key === undefined ? { rename: r.rename } : { rename: r.rename, key };
  };
  return { name, readings: [reading(a), reading(b)] };
}

/** An ambiguity in words: `'srv_a_b' reads as b (names shown as srv_a_<name>) and as a_b (names shown as srv_<name>)`. */
export function explainAmbiguity(ambiguity: NonNullable<NameMatch['ambiguity']>): string {
  const as = ({ rename, key }: NameReading) => `${key ?? 'no known key'} (names shown as ${describeRename(rename)})`;
  return `'${ambiguity.name}' reads as ${as(ambiguity.readings[0])} and as ${as(ambiguity.readings[1])}`;
}
