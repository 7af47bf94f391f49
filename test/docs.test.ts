import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../src/checks/clauses/all-clauses.js';
import { CHECKS } from '../src/checks/check-registry.js';
import { optionsDoc } from '../src/config/options-doc.js';
import { checksDoc, demoCells, readmeBlocks } from '../src/judging/catalogue-docs.js';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('generated docs', () => {
  it('docs/checks.md is what the check and clause records generate (run `npm run docs`)', () => {
    expect(read('docs/checks.md')).toBe(checksDoc());
  });
  it('docs/options.md is what the option records generate (run `npm run docs`)', () => {
    expect(read('docs/options.md')).toBe(optionsDoc());
  });
  it('the README\'s demo size, scenario table and checks table are what the records generate (run `npm run docs`)', () => {
    const readme = read('README.md');
    expect(readme).toBe(readmeBlocks(readme));
  });
  it('counts the demo\'s cells from the catalogue: 23 client scenarios in 69 cells', () => {
    // Counted by hand from `list scenarios`: 8 scenarios in both eras (3 + 2 cells), 2 in 2025 only on 3 transports,
    // 3 on Streamable HTTP in 2025 only, 7 in 2026-07-28 only on stdio and http, 1 on stdio and 1 on http in 2026-07-28
    // only, and era-fallback (2 + 2): 40 + 6 + 3 + 14 + 2 + 4.
    expect(demoCells()).toEqual({ scenarios: 23, cells: 69 });
  });
});

describe('clause records', () => {
  it('give every MUST, SHOULD and MAY check at least one clause, and name only checks that exist', () => {
    const graded = CHECKS.filter((check) => ['MUST', 'SHOULD', 'MAY'].includes(check.severity)).map((check) => check.id);
    expect(graded.filter((id) => (CLAUSES.get(id)?.clauses.length ?? 0) === 0)).toEqual([]);
  });
  it('give every check a clause or a reason why it is judged without one', () => {
    const bare = CHECKS.filter((check) => !CLAUSES.get(check.id)?.clauses.length && !CLAUSES.get(check.id)?.why);
    expect(bare.map((check) => check.id)).toEqual([]);
  });
});
