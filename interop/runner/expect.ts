import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, HarnessError } from '../../src/errors.js';
import type { CellResult, CellStatuses } from './results.js';

/** `interop/<target>/expect.json`: the status of every check of every cell, pinned exactly. */
export const ExpectSchema = z.strictObject({ cells: z.record(z.string(), z.record(z.string(), z.string())) });
export type Expectations = z.infer<typeof ExpectSchema>;

export const EXPECT_FILE = 'expect.json';

/** What the runner shows of a check that did not come out as expected. */
const NONE = 'none';

/**
 * Every way the actual cells differ from the expected ones, one line each:
 * `<target> <cell> <check>: expected <status>, got <status> — <message>`, and cells missing or extra.
 */
export function compare(target: string, expected: CellStatuses, actual: Readonly<Record<string, CellResult>>): string[] {
  const lines: string[] = [];
  for (const cell of Object.keys(expected)) {
    if (!(cell in actual)) lines.push(`${target} ${cell}: expected, but the run did not play it`);
  }
  for (const [cell, result] of Object.entries(actual)) {
    const pinned = expected[cell];
    if (!pinned) {
      lines.push(`${target} ${cell}: played, but expect.json does not have it`);
      continue;
    }
    const ids = [...Object.keys(pinned), ...Object.keys(result.checks).filter((id) => !(id in pinned))];
    for (const id of ids) {
      const want = pinned[id] ?? NONE;
      const got = result.checks[id];
      if (want === (got?.status ?? NONE)) continue;
      lines.push(`${target} ${cell} ${id}: expected ${want}, got ${got?.status ?? NONE}${got ? ` — ${oneLine(got.message)}` : ''}`);
    }
  }
  return lines;
}

/** A message on one line, however it was written. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The target's expect.json, or undefined when it has none; a malformed one is named. */
export function readExpectations(dir: string, name: string): CellStatuses | undefined {
  const file = join(dir, EXPECT_FILE);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HarnessError('BAD_EXPECT', `interop/${name}/${EXPECT_FILE}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ExpectSchema.safeParse(raw);
  if (!parsed.success) throw new HarnessError('BAD_EXPECT', `interop/${name}/${EXPECT_FILE}: ${describeIssues(parsed.error)}`);
  return parsed.data.cells;
}

/** Pins this run's statuses (`--update`). */
export function writeExpectations(dir: string, cells: CellStatuses): void {
  const expectations: Expectations = { cells };
  writeFileSync(join(dir, EXPECT_FILE), `${JSON.stringify(expectations, null, 2)}\n`);
}
