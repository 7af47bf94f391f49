import type { ListKind } from '../../model/words.js';
import { knownKeys } from '../../trace/queries.js';
import type { Trace } from '../../trace/trace.js';

/** Gateways slug, re-case and re-separate names; the cell token (lowercase letters and digits) survives all of it. */
export function canonical(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '_');
}

/**
 * The upstream key a name as the gateway shows it stands for: the known key whose canonical form it contains, ending
 * at the end of the name or at a separator (so `…storm_1` is not read in `…storm_10`); the longest such key wins.
 * Every key carries the cell's unique token, so what comes before it (a gateway's prefix) cannot make a false match.
 */
export function upstreamKeyOf(name: string, known: readonly string[]): string | undefined {
  const shown = canonical(name);
  let best: string | undefined;
  for (const key of known) {
    const wanted = canonical(key);
    const at = shown.indexOf(wanted);
    if (at === -1) continue;
    const next = shown[at + wanted.length];
    if (next !== undefined && next !== '_' && next !== '/') continue;
    if (!best || key.length > best.length) best = key;
  }
  return best;
}

export interface ReadKeys {
  /** The upstream keys the names stand for. */
  keys: string[];
  /** Names the gateway shows differently from the upstream key (slugged, re-cased, prefixed …), with their key. */
  renamed: { shown: string; key: string }[];
}

/** Reads names (or keys the probe decoded) back to upstream keys of `list`; names of the gateway's own items drop out. */
export function readKeys(trace: Trace, list: ListKind, names: readonly string[]): ReadKeys {
  const known = knownKeys(trace, list);
  const keys: string[] = [];
  const renamed: ReadKeys['renamed'] = [];
  for (const name of names) {
    const key = upstreamKeyOf(name, known);
    if (key === undefined) continue;
    keys.push(key);
    if (name !== key && !name.endsWith(key)) renamed.push({ shown: name, key });
  }
  return { keys, renamed };
}

/** One line saying how the gateway renames, for a message: `mock-nc…-delta for nc…_delta`. */
export function renameNote(renamed: ReadKeys['renamed']): string {
  const first = renamed[0];
  return first ? `the gateway renames names (e.g. ${first.shown} for ${first.key}); matched through the cell token` : '';
}
