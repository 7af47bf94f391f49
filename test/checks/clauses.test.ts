import { describe, expect, it } from 'vitest';
import { ClauseSchema, type CheckClauses } from '../../src/checks/clauses/clause.js';
import { CLAUSES, mergeClauses, SPEC_COMMIT } from '../../src/checks/clauses/all-clauses.js';
import { locateQuote, normalizeSpecText } from '../../src/checks/clauses/spec-text.js';

const RECORDS = [...CLAUSES];
const CLAUSE_ROWS = RECORDS.flatMap(([id, record]) => record.clauses.map((clause) => ({ id, clause })));

describe('clause records', () => {
  it('parses every clause with ClauseSchema', () => {
    for (const { id, clause } of CLAUSE_ROWS) {
      const parsed = ClauseSchema.safeParse(clause);
      expect(parsed.success, `${id} ${clause.revision} ${clause.file}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it('states its keyword verbatim, upper case, in its quote', () => {
    for (const { id, clause } of CLAUSE_ROWS.filter((row) => row.clause.keyword !== 'none')) {
      expect(new RegExp(`\\b${clause.keyword}\\b`).test(clause.quote), `${id} ${clause.revision}: "${clause.keyword}" not in "${clause.quote}"`)
        .toBe(true);
    }
  });

  it('says why a check judges where a clause sets no keyword', () => {
    const unexplained = RECORDS.filter(([, record]) => record.clauses.some((clause) => clause.keyword === 'none') && !record.why?.trim());
    expect(unexplained.map(([id]) => id)).toEqual([]);
  });

  it('says why a check stands on no clause at all', () => {
    const bare = RECORDS.filter(([, record]) => record.clauses.length === 0 && !record.why?.trim());
    expect(bare.map(([id]) => id)).toEqual([]);
  });

  it('quotes no sentence twice for a check in the same revision and file', () => {
    for (const [id, record] of RECORDS) {
      const keys = record.clauses.map((clause) => `${clause.revision}\u0000${clause.file}\u0000${clause.quote}`);
      expect(new Set(keys).size, id).toBe(keys.length);
    }
  });

  it('names the spec commit the quotes were verified against', () => {
    expect(SPEC_COMMIT).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('mergeClauses', () => {
  const record: CheckClauses = { clauses: [], why: 'a test record' };

  it('merges record files into one map by check id', () => {
    expect([...mergeClauses({ a: record }, { b: record }).keys()]).toEqual(['a', 'b']);
  });

  it('throws when two files hold a record for the same check', () => {
    expect(() => mergeClauses({ a: record }, { a: record })).toThrow('two clause records for the check "a"');
  });
});

describe('normalizeSpecText', () => {
  it('removes emphasis and link syntax and collapses a wrapped sentence', () => {
    const markdown = 'The client **MUST** start a _new_ session\n  via [`initialize`](/lifecycle) or [the probe][probe], *once*.';
    expect(normalizeSpecText(markdown)).toBe('The client MUST start a new session via `initialize` or the probe, once.');
  });

  it('keeps underscores inside words and code spans', () => {
    expect(normalizeSpecText('send `_meta` on list_changed and __init__ too')).toBe('send `_meta` on list_changed and init too');
  });
});

describe('locateQuote', () => {
  const page = '---\ntitle: Subscriptions\n---\n\nIntro **MUST** text.\n\n## Acknowledgment\n\nThe server **MUST** send it\nfirst.\n' +
    '\n```mermaid\n# not a heading\nA->>B: x\n```\n';

  it('finds a quote and the heading it stands under, the page title before any heading', () => {
    expect(locateQuote(page, 'The server MUST send it first.')).toEqual({ found: true, section: 'Acknowledgment' });
    expect(locateQuote(page, 'Intro MUST text.')).toEqual({ found: true, section: 'Subscriptions' });
  });

  it('does not take a line inside a code fence for a heading', () => {
    expect(locateQuote(page, '# not a heading A->>B: x')).toEqual({ found: true, section: 'Acknowledgment' });
  });

  it('reports a quote that is not in the page', () => {
    expect(locateQuote(page, 'The server SHOULD send it first.')).toEqual({ found: false });
  });
});
