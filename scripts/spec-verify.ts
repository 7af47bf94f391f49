/**
 * Checks every clause quote against a checkout of the spec repository:
 *   npx tsx scripts/spec-verify.ts <path to a checkout of modelcontextprotocol/modelcontextprotocol>
 * One line per clause, then a summary. Exit 0 all found, 1 any missing, 2 a bad path.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Clause } from '../src/checks/clauses/clause.js';
import { CLAUSES, SPEC_COMMIT } from '../src/checks/clauses/all-clauses.js';
import { locateQuote } from '../src/checks/clauses/spec-text.js';

interface Outcome {
  id: string;
  clause: Clause;
  /** Why it is missing; undefined when the quote stands verbatim under its section. */
  problem?: string;
}

/** The checkout's commit, for the summary line; a copy that is not a git work tree says so. */
function commitOf(root: string): string {
  try {
    return execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown (not a git work tree)';
  }
}

function judge(root: string, id: string, clause: Clause, read: (path: string) => string | undefined): Outcome {
  const text = read(join(root, 'docs', 'specification', clause.revision, clause.file));
  if (text === undefined) return { id, clause, problem: 'no such file' };
  const where = locateQuote(text, clause.quote);
  if (!where.found) return { id, clause, problem: 'quote not found' };
  if (where.section !== clause.section) {
    return { id, clause, problem: `found under "${where.section ?? 'two sections'}", not "${clause.section}"` };
  }
  return { id, clause };
}

function verify(root: string): { lines: string[]; missing: number } {
  const cache = new Map<string, string | undefined>();
  const read = (path: string) => {
    if (!cache.has(path)) cache.set(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    return cache.get(path);
  };
  const outcomes = [...CLAUSES].flatMap(([id, record]) => record.clauses.map((clause) => judge(root, id, clause, read)));
  const width = Math.max(...outcomes.map((outcome) => outcome.id.length));
  const lines = outcomes.map(({ id, clause, problem }) =>
    `${problem ? 'MISSING' : 'ok     '} ${id.padEnd(width)} ${clause.revision} ${clause.file}${problem ? ` (${problem})` : ''}`);
  const missing = outcomes.filter((outcome) => outcome.problem).length;
  lines.push(`${outcomes.length} clauses, ${outcomes.length - missing} found, ${missing} missing ` +
    `(spec ${commitOf(root)}, records checked against ${SPEC_COMMIT})`);
  return { lines, missing };
}

function main(args: readonly string[]): number {
  const root = args[0];
  if (root === undefined) {
    process.stderr.write('usage: npx tsx scripts/spec-verify.ts <path to a checkout of the spec repository>\n');
    return 2;
  }
  const specs = join(root, 'docs', 'specification');
  if (!existsSync(specs) || !statSync(specs).isDirectory()) {
    process.stderr.write(`spec-verify: ${root} is not a checkout of the spec repository (no docs/specification in it)\n`);
    return 2;
  }
  const { lines, missing } = verify(root);
  process.stdout.write(`${lines.join('\n')}\n`);
  return missing > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
