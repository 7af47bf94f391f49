import type { CellStatuses } from './results.js';

/** A check whose status was not the same in every play (`--repeat`): one status per play, `none` where it was absent. */
export interface Flip {
  cell: string;
  check: string;
  statuses: string[];
}

const ABSENT = 'none';

/** Every check (in every cell any play had) whose status differs between plays, in the first play's order. */
export function findFlips(plays: readonly CellStatuses[]): Flip[] {
  const cells = new Set(plays.flatMap((play) => Object.keys(play)));
  const flips: Flip[] = [];
  for (const cell of cells) {
    const ids = new Set(plays.flatMap((play) => Object.keys(play[cell] ?? {})));
    for (const check of ids) {
      const statuses = plays.map((play) => play[cell]?.[check] ?? ABSENT);
      if (new Set(statuses).size > 1) flips.push({ cell, check, statuses });
    }
  }
  return flips;
}

/** One line per flip: `<target> <cell> <check>: flipped pass, fail, pass`. */
export function flipLines(target: string, flips: readonly Flip[]): string[] {
  return flips.map((flip) => `${target} ${flip.cell} ${flip.check}: flipped ${flip.statuses.join(', ')}`);
}
