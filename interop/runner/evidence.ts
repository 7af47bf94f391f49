import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetResult } from './results.js';
import { isFailing } from './status.js';

/** The folder, inside a target's, that keeps the traces of its failures (committed). */
export const EVIDENCE_DIR = 'evidence';

/** Where a cell's trace is kept, relative to the repository root. */
export function evidencePath(target: string, cell: string): string {
  return `interop/${target}/${EVIDENCE_DIR}/${cell}.jsonl`;
}

/** Each failing check with the first cell (in play order) it failed in: the one whose trace is kept. */
export function firstFailures(target: Pick<TargetResult, 'cells'>): Map<string, string> {
  const first = new Map<string, string>();
  for (const [cell, result] of Object.entries(target.cells)) {
    for (const [id, check] of Object.entries(result.checks)) {
      if (isFailing(check.status) && !first.has(id)) first.set(id, cell);
    }
  }
  return first;
}

/**
 * Copies the trace of each failing check's first failing cell into `interop/<target>/evidence/`, and removes the
 * traces there of cells that no longer fail. Returns the cells whose trace could not be found.
 */
export function keepEvidence(root: string, target: TargetResult, traces: Readonly<Record<string, string>>): string[] {
  const wanted = new Set(firstFailures(target).values());
  const dir = join(root, 'interop', target.name, EVIDENCE_DIR);
  const missing: string[] = [];
  if (wanted.size > 0) mkdirSync(dir, { recursive: true });
  for (const cell of wanted) {
    const source = traces[cell];
    if (source !== undefined && existsSync(source)) copyFileSync(source, join(root, evidencePath(target.name, cell)));
    else missing.push(cell);
  }
  if (!existsSync(dir)) return missing;
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.jsonl') && !wanted.has(file.slice(0, -'.jsonl'.length))) rmSync(join(dir, file));
  }
  if (wanted.size === 0 && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  return missing;
}
