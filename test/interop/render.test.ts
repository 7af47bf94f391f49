import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeBlock, renderDocs, renderReadmeBlock, spliceReadme } from '../../interop/runner/render.js';
import { ResultsSchema } from '../../interop/runner/results.js';
import { cell, target } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the committed matrix', () => {
  const results = ResultsSchema.parse(JSON.parse(read('interop/results.json')));

  it('docs/interop.md is what interop/results.json renders (run npm run interop to regenerate)', () => {
    const committed = read('docs/interop.md');
    expect(renderDocs(results, committed)).toBe(committed);
  });

  it('the README block is what interop/results.json renders (run npm run interop to regenerate)', () => {
    expect(readmeBlock(read('README.md'))).toBe(renderReadmeBlock(results));
  });
});

const client = target('alpha-client', 'client', [
  cell('refresh-on-add.stdio', { 'converges': 'pass', 'no-starvation': 'fail' }),
  cell('refresh-on-add.http', { 'converges': 'pass', 'no-starvation': 'fail' }),
  cell('refresh-on-add.http.modern', { 'converges': 'untested', 'no-starvation': 'untested' }),
]);
const server = target('beta-server', 'server', [cell('server-announces.stdio', { 'server-announces': 'pass' })]);

describe('renderDocs', () => {
  const page = renderDocs({ targets: [server, client] });

  it('has one table for clients and one for servers, a column per check any of them ran', () => {
    expect(page).toContain('| Target | Language | Library | Version | `converges` | `no-starvation` |');
    expect(page).toContain('| [alpha-client](#alpha-client) | TypeScript | `@example/mcp` | 1.0.0 | pass | [fail 2/3](#alpha-client-no-starvation) |');
    expect(page).toContain('| [beta-server](#beta-server) | TypeScript | `@example/mcp` | 1.0.0 | pass |');
  });

  it('lists a failing check\'s message once for the cells that share it, and the trace of its first failing cell', () => {
    expect(page).toContain('#### alpha-client: no-starvation');
    expect(page).toContain('- `refresh-on-add.stdio`, `refresh-on-add.http`: no-starvation came out fail');
    expect(page).toContain('[interop/alpha-client/evidence/refresh-on-add.stdio.jsonl](../interop/alpha-client/evidence/refresh-on-add.stdio.jsonl)');
    expect(page).toContain('<!-- explain: alpha-client no-starvation -->');
  });

  it('shows untested and — for a check a target never ran', () => {
    const only = target('gamma-client', 'client', [cell('a.http.modern', { converges: 'untested' })]);
    const table = renderDocs({ targets: [client, only] });
    expect(table).toContain('| [gamma-client](#gamma-client) | TypeScript | `@example/mcp` | 1.0.0 | untested | — |');
  });

  it('keeps the explanation written under a marker when it regenerates', () => {
    const edited = page.replace('<!-- explain: alpha-client no-starvation -->\n', '<!-- explain: alpha-client no-starvation -->\n\nIts debounce has no maximum wait.\n');
    const again = renderDocs({ targets: [server, client] }, edited);
    expect(again).toBe(edited);
    expect(again).toContain('Its debounce has no maximum wait.\n\n### beta-server');
  });
});

describe('the README block', () => {
  it('has one line per target with its tally and failing check ids', () => {
    const block = renderReadmeBlock({ targets: [client, server] });
    expect(block).toContain('- TypeScript, `@example/mcp@1.0.0`, client ([alpha-client](docs/interop.md#alpha-client)): 1 pass, 1 fail (no-starvation)');
    expect(block).toContain('server ([beta-server](docs/interop.md#beta-server)): 1 pass, 0 fail');
  });

  it('replaces only what is between the markers', () => {
    const readme = 'intro\n<!-- interop:begin -->\nold\n<!-- interop:end -->\nrest\n';
    const next = spliceReadme(readme, 'new line');
    expect(next).toBe('intro\n<!-- interop:begin -->\nnew line\n<!-- interop:end -->\nrest\n');
    expect(readmeBlock(next)).toBe('new line');
  });
});
