import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues } from '../../src/errors.js';
import { publishContextForgeReport } from './contextforge-report.js';
import { keepEvidence } from './evidence.js';
import { droppedExplanations } from './explanations.js';
import { renderDocs, renderReadmeBlock, spliceReadme } from './render.js';
import { type Results, ResultsSchema, type TargetResult } from './results.js';

export const RESULTS_FILE = 'interop/results.json';
export const DOCS_FILE = 'docs/interop.md';
export const README_FILE = 'README.md';

const readText = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** Leaves a file that would not change untouched (others may be editing the README). */
function writeIfChanged(path: string, text: string): void {
  if (readText(path) !== text) writeFileSync(path, text);
}

/** The committed results, or none; a file that does not parse is told and replaced. */
export function readResults(root: string, warn: (line: string) => void): Results {
  const text = readText(join(root, RESULTS_FILE));
  if (text === '') return { targets: [] };
  const parsed = ResultsSchema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  warn(`${RESULTS_FILE}: ${describeIssues(parsed.error)}; starting it afresh`);
  return { targets: [] };
}

/** The results with this run's entries in place of the old ones; targets whose folder is gone are dropped. */
export function mergeResults(previous: Results, judged: readonly TargetResult[], known: ReadonlySet<string>): Results {
  const byName = new Map(previous.targets.filter((target) => known.has(target.name)).map((target) => [target.name, target]));
  for (const result of judged) byName.set(result.name, result);
  return { ...previous, targets: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

export interface Judged {
  result: TargetResult;
  traces: Record<string, string>;
}

/** Writes results.json, each judged target's evidence, docs/interop.md and the README block; returns what to warn of. */
export function publish(root: string, judged: readonly Judged[], known: ReadonlySet<string>): string[] {
  const warnings: string[] = [];
  const results = mergeResults(readResults(root, (line) => warnings.push(line)), judged.map((entry) => entry.result), known);
  writeIfChanged(join(root, RESULTS_FILE), `${JSON.stringify(results, null, 2)}\n`);
  for (const { result, traces } of judged) {
    const missing = keepEvidence(root, result, traces);
    if (missing.length > 0) warnings.push(`${result.name}: no trace to keep for ${missing.join(', ')}`);
  }
  // The #3734 report, from ContextForge's pinned cells, linking the traces just kept.
  warnings.push(...publishContextForgeReport(root, results));
  const previous = readText(join(root, DOCS_FILE));
  const docs = renderDocs(results, previous);
  for (const key of droppedExplanations(previous, docs)) warnings.push(`${DOCS_FILE}: the explanation of "${key}" was dropped: it no longer fails`);
  writeIfChanged(join(root, DOCS_FILE), docs);
  const readme = readText(join(root, README_FILE));
  try {
    writeIfChanged(join(root, README_FILE), spliceReadme(readme, renderReadmeBlock(results)));
  } catch (error) {
    warnings.push(`${README_FILE}: ${(error as Error).message}; its interop block was not updated`);
  }
  return warnings;
}
