import { type Era, ERAS, EraSchema, type MockEra } from '../words.js';
import type { EraRecord } from './era.js';
import { LEGACY } from './legacy.js';
import { MODERN } from './modern.js';

export type { EraRecord } from './era.js';

export const ERA_RECORDS: Readonly<Record<Era, EraRecord>> = { legacy: LEGACY, modern: MODERN };

/** An era's record. */
export const eraOf = (name: Era): EraRecord => ERA_RECORDS[name];

/** A mock era that is one era (not `dual`). */
export const isEra = (value: string | undefined): value is Era => EraSchema.safeParse(value).success;

/** The eras a mock serving `served` answers in: one, or every era for a dual-era endpoint. */
export const erasServed = (served: MockEra): readonly Era[] => (isEra(served) ? [served] : ERAS);

/** True when a mock serving `served` answers a client speaking `era` in that era. */
export const serves = (served: MockEra, era: Era): boolean => erasServed(served).includes(era);

/** The era(s) the mock serves in a cell of `era` for a scenario that serves `cell`, `other` (the other era) or `dual`. */
export function servedEra(era: Era, scenarioServes: 'cell' | 'other' | 'dual'): MockEra {
  if (scenarioServes === 'dual') return 'dual';
  if (scenarioServes === 'cell') return era;
  return ERAS.find((each) => each !== era) ?? era;
}
