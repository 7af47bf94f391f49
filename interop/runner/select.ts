import { HarnessError } from '../../src/errors.js';

/** A CI matrix slot: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The targets `--only` names (all when none), then every `count`-th of them from the `index`-th for `--shard`. */
export function selectTargets<T extends { name: string; unpinned?: string }>(
  targets: readonly T[],
  only: readonly string[],
  shard?: Shard,
): T[] {
  const known = targets.map((target) => target.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new HarnessError('UNKNOWN_TARGET', `--only: no target named ${unknown.join(', ')}`, `known: ${known.join(', ') || '(none)'}`);
  }
  // A target whose verdicts are not pinned yet runs only when named.
  const chosen = only.length === 0
    ? targets.filter((target) => !target.unpinned)
    : targets.filter((target) => only.includes(target.name));
  if (!shard) return chosen;
  return chosen.filter((_, i) => i % shard.count === shard.index - 1);
}
