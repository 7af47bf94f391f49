import { z } from 'zod';
import { Registry } from '../registry.js';
import type { EraRecord } from './era.js';
import { LEGACY } from './legacy.js';
import { MODERN } from './modern.js';

export type { EraRecord } from './era.js';

/** The name of a registered era (`legacy`, `modern`, or one added with `registerEra`). */
export type Era = string;
/** What a mock endpoint serves: one era, or every era on one endpoint as a dual-era server does (`dual`). */
export type MockEra = string;

/** The mock setting that serves every era on one endpoint. */
export const DUAL = 'dual';

/** Words that mean something else where an era is named: every era on one endpoint, and the eras a target speaks. */
const RESERVED: readonly string[] = [DUAL, 'auto'];

const RECORDS = new Registry<EraRecord>('era', RESERVED);

/** Every registered era, in the order registered (the two of MCP first). The list is live: it grows with `registerEra`. */
export const ERAS: readonly Era[] = RECORDS.names;

/**
 * Adds an era: from then on options, traces, the mock, the probe and the checks know it by its record, and a scenario
 * that names no eras plays in it. Its name must be new, and neither `dual` nor `auto`.
 */
export function registerEra(record: EraRecord): void {
  if (record.revisions.length === 0) throw new Error(`era "${record.name}" names no revision`);
  RECORDS.add(record);
}

registerEra(LEGACY);
registerEra(MODERN);

/** A registered era's name. Its JSON Schema lists MCP's two. */
export const EraSchema = z.string()
  .refine((name) => RECORDS.has(name), { error: (issue) => RECORDS.unknown(issue.input) })
  .meta({ enum: [...ERAS] });

/** A mock's setting: a registered era, or `dual`. */
export const MockEraSchema = z.string()
  .refine((name) => name === DUAL || RECORDS.has(name), { error: (issue) => RECORDS.unknown(issue.input) })
  .meta({ enum: [...ERAS, DUAL] });

/** An era's record. */
export const eraOf = (name: Era): EraRecord => RECORDS.get(name);

/** A mock setting that is one era (not `dual`). */
export const isEra = (value: string | undefined): value is Era => value !== undefined && RECORDS.has(value);

/** The eras a mock serving `served` answers in: one, or every era for a dual-era endpoint. */
export const erasServed = (served: MockEra): readonly Era[] => (isEra(served) ? [served] : ERAS);

/** True when a mock serving `served` answers a client speaking `era` in that era. */
export const serves = (served: MockEra, era: Era): boolean => erasServed(served).includes(era);

/** A mock serving `served` answers the `initialize` handshake (some era it serves starts with one). */
export const servesHandshake = (served: MockEra): boolean => erasServed(served).some((era) => eraOf(era).handshake);

/** A mock serving `served` answers requests that stand alone, without a handshake (some era it serves has none). */
export const servesStateless = (served: MockEra): boolean => erasServed(served).some((era) => !eraOf(era).handshake);

/** The revisions a mock serving `served` answers a handshake in, newest of the first era first. */
export const handshakeRevisions = (served: MockEra): readonly string[] =>
  erasServed(served).filter((era) => eraOf(era).handshake).flatMap((era) => eraOf(era).revisions);

/** The era(s) the mock serves in a cell of `era` for a scenario that serves `cell`, `other` (another era) or `dual`. */
export function servedEra(era: Era, scenarioServes: 'cell' | 'other' | 'dual'): MockEra {
  if (scenarioServes === 'dual') return DUAL;
  if (scenarioServes === 'cell') return era;
  // The other era: the first whose sessions start the other way (a 2026-07-28 client meets a 2025-only server).
  const mine = eraOf(era).handshake;
  return ERAS.find((each) => eraOf(each).handshake !== mine) ?? era;
}
