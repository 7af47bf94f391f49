import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/**
 * The floors of the house, lowest first. A module may import from its own floor or any lower one, never a higher one:
 * words and schemas at the bottom, the pure trace and checks above them, then the mock, the step records, the
 * targets, the scenarios, the runner and reports, the commands, and the programmatic API (run, startMock) on top.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['errors.ts', 'version.ts', 'dispose.ts', 'read-json.ts', 'model'],
  ['trace'],
  ['checks', 'mock-server'],
  ['steps'],
  ['targets'],
  ['scenarios'],
  ['runner', 'judging', 'mock-admin'],
  ['reporters', 'config'],
  ['commands'],
  ['api'],
  ['cli.ts', 'index.ts'],
];

/** The largest a file under src/ may grow before it must be split. */
const MAX_LINES = 250;

/** The most files a folder may hold at its own level before it must be split into subfolders by subject. */
const MAX_FILES = 12;
/**
 * Folders still over MAX_FILES, each with its count today: the list may only shrink, and a count only fall (a new file in
 * one of them is a reason to split it, not to raise its number).
 */
const OVER_MAX_FILES: Readonly<Record<string, number>> = {};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function floorOf(path: string): number {
  const top = relative(SRC, path).split('/')[0] ?? '';
  const floor = FLOORS.findIndex((names) => names.includes(top));
  if (floor === -1) throw new Error(`${relative(SRC, path)} is on no floor: add its folder to FLOORS`);
  return floor;
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^import\s[^;]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms)].map((m) => m[1] ?? m[2] ?? '');
}

describe('the layout of src/', () => {
  const all = files(SRC);

  it('imports only from the same or a lower floor', () => {
    const upward: string[] = [];
    for (const file of all) {
      for (const spec of imports(file)) {
        const target = normalize(join(dirname(file), spec.replace(/\.js$/, '.ts')));
        if (floorOf(target) > floorOf(file)) upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle: each module can be read knowing only what it imports', () => {
    const resolve = (file: string, spec: string) => normalize(join(dirname(file), spec.replace(/\.js$/, '.ts')));
    const graph = new Map(all.map((file) => [file, imports(file).map((spec) => resolve(file, spec))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((each) => relative(SRC, each)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of all) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it(`keeps at most ${MAX_FILES} files in a folder's own level, and the folders still over it only shrink`, () => {
    const perFolder = new Map<string, number>();
    for (const file of all) perFolder.set(relative(SRC, dirname(file)), (perFolder.get(relative(SRC, dirname(file))) ?? 0) + 1);
    const over = Object.fromEntries([...perFolder].filter(([, count]) => count > MAX_FILES).sort());
    const within = ([folder, count]: [string, number]) => count <= (OVER_MAX_FILES[folder] ?? MAX_FILES);
    const allowed = Object.fromEntries(Object.entries(over).filter(within));
    expect(over).toEqual(allowed);
  });

  it(`keeps every file at ${MAX_LINES} lines or fewer`, () => {
    const long = all
      .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((entry) => entry.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('compares no transport name outside the transport records: code asks the record what a transport is', () => {
    const name = '\'(?:stdio|sse|http)\'';
    const compared = new RegExp(`\\b\\w*(?:transport|Transport|kind)\\s*[!=]==\\s*${name}|${name}\\s*[!=]==|case ${name}`);
    const records = join(SRC, 'model', 'transports.ts');
    const found = all.filter((file) => file !== records).flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, i) => (compared.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(found).toEqual([]);
  });

  it('compares no era name outside the era records: code, the mock\'s endpoints too, asks the record what an era is', () => {
    const name = '\'(?:legacy|modern|dual)\'';
    const compared = new RegExp(`[!=]==\\s*${name}|${name}\\s*[!=]==|case ${name}`);
    const allowed = [join(SRC, 'model', 'eras')];
    const found = all.filter((file) => !allowed.some((folder) => file.startsWith(folder))).flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, i) => (compared.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(found).toEqual([]);
  });

  it('has the runner read only what every target states: no member of the Target seam that one mode alone has', () => {
    // The Target interface's members, and whether each is optional (`name?:`): an optional one is what some modes lack.
    const seam = readFileSync(join(SRC, 'targets', 'target.ts'), 'utf8');
    const body = /export interface Target \{([\s\S]*?)\n\}/.exec(seam)?.[1] ?? '';
    const members = new Map([...body.matchAll(/^ {2}(?:readonly )?(\w+)(\??)[:(]/gm)].map((m) => [m[1] ?? '', m[2] === '?']));
    expect(members.size, 'the Target interface was not found').toBeGreaterThan(4);
    const runner = files(join(SRC, 'runner'));
    const read = runner.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\boptions\.target\.(\w+)/g)].map((m) => ({ file: relative(SRC, file), member: m[1] ?? '' })));
    expect(read.length).toBeGreaterThan(0);
    const unknownOrOptional = read.filter(({ member }) => members.get(member) !== false);
    expect(unknownOrOptional).toEqual([]);
  });
});
