import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { errorMessage, HarnessError } from '../errors.js';
import { EraSchema, TransportKindSchema } from '../model/words.js';
import type { CellReport, RunReport } from './run-report.js';

/**
 * An expected failure: `scenario`, `scenario:check`, `scenario:check@transport` or `scenario:check@transport.era`
 * (`@http.modern`: only that era's cell; without an era, both). A CI job adopting the tool against
 * an imperfect target lists what it knows fails; those failures do not fail the run, and an entry that now passes does
 * (it is stale: the baseline must shrink as the target improves).
 */
export interface BaselineEntry {
  text: string;
  scenario: string;
  check?: string;
  transport?: string;
  era?: string;
}

const FileSchema = z.union([z.array(z.string()), z.object({ expectedFailures: z.array(z.string()) }).strict()]);

function parseEntry(text: string): BaselineEntry {
  const match = /^([a-z0-9][a-z0-9-]*)(?::([a-z0-9-]+))?(?:@([a-z]+)(?:\.([a-z]+))?)?$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`"${text}" is not scenario, scenario:check or scenario:check@transport[.era]`);
  const [, scenario, check, transport, era] = match;
  if (transport !== undefined && !TransportKindSchema.safeParse(transport).success) throw new Error(`"${text}": unknown transport "${transport}"`);
  if (era !== undefined && !EraSchema.safeParse(era).success) throw new Error(`"${text}": unknown era "${era}" (legacy or modern)`);
  return { text, scenario, ...(check ? { check } : {}), ...(transport ? { transport } : {}), ...(era ? { era } : {}) };
}

/** Reads a baseline (JSON or YAML: a list of entries, or `expectedFailures:`), checking every id it names. */
export async function loadBaseline(
  path: string,
  known: { scenarios: ReadonlySet<string>; checks: ReadonlySet<string> },
): Promise<BaselineEntry[]> {
  let value: unknown;
  try {
    const text = await readFile(path, 'utf8');
    value = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new HarnessError('BAD_BASELINE', `--baseline: cannot read ${path}: ${errorMessage(error)}`);
  }
  const parsed = FileSchema.safeParse(value);
  if (!parsed.success) throw new HarnessError('BAD_BASELINE', `${path}: expected a list of entries or {"expectedFailures": [...]}`);
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.expectedFailures;
  return list.map((text, index) => {
    let entry: BaselineEntry;
    try {
      entry = parseEntry(text);
    } catch (error) {
      throw new HarnessError('BAD_BASELINE', `${path}: entry ${index}: ${errorMessage(error)}`);
    }
    const where = `${path}: entry ${index} "${text}"`;
    if (!known.scenarios.has(entry.scenario)) throw new HarnessError('BAD_BASELINE', `${where}: unknown scenario "${entry.scenario}"`);
    if (entry.check && !known.checks.has(entry.check)) throw new HarnessError('BAD_BASELINE', `${where}: unknown check "${entry.check}"`);
    return entry;
  });
}

const covers = (entry: BaselineEntry, cell: CellReport, check: string) =>
  entry.scenario === cell.scenario &&
  (entry.check === undefined || entry.check === check) &&
  (entry.transport === undefined || entry.transport === cell.transport) &&
  (entry.era === undefined || entry.era === cell.era);

/**
 * The report with expected failures marked `xfail` (they do not fail the run) and the entries that matched no failure
 * listed as stale (they do). An entry for a cell that did not run is neither.
 */
export function applyBaseline(report: RunReport, entries: readonly BaselineEntry[]): RunReport {
  const used = new Set<BaselineEntry>();
  const ran = (entry: BaselineEntry) => report.cells.some((cell) => cell.checks.some((check) => covers(entry, cell, check.id)));
  const cells = report.cells.map((cell) => ({
    ...cell,
    checks: cell.checks.map((check) => {
      if (check.status !== 'fail') return check;
      const entry = entries.find((candidate) => covers(candidate, cell, check.id));
      if (!entry) return check;
      used.add(entry);
      return { ...check, status: 'xfail' as const, message: `${check.message} (expected by the baseline: ${entry.text})` };
    }),
  }));
  const stale = entries.filter((entry) => !used.has(entry) && ran(entry)).map((entry) => entry.text);
  const summary = { ...report.summary, fail: 0, xfail: 0 };
  for (const cell of cells) {
    for (const check of cell.checks) if (check.status === 'fail' || check.status === 'xfail') summary[check.status] += 1;
  }
  return { ...report, cells, summary, baseline: { entries: entries.length, stale } };
}

/**
 * Today's failures as baseline entries, one per failed check, transport and era (`--write-baseline`): each names its era,
 * so an expected failure in one era never hides the same check failing in the other.
 */
export function baselineOf(report: RunReport): string[] {
  return report.cells.flatMap((cell) =>
    cell.checks
      .filter((check) => check.status === 'fail' || check.status === 'xfail')
      .map((check) => `${cell.scenario}:${check.id}@${cell.transport}.${cell.era}`),
  );
}
