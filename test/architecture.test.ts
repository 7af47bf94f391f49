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
  ['runner', 'report', 'serve'],
  ['reporters', 'config'],
  ['commands'],
  ['api'],
  ['cli.ts', 'index.ts'],
];

/** The largest a file under src/ may grow before it must be split. */
const MAX_LINES = 250;

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

  it(`keeps every file at ${MAX_LINES} lines or fewer`, () => {
    const long = all
      .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((entry) => entry.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
