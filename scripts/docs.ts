// Rewrites what the docs say about the catalogue from the records: docs/checks.md and the README's generated blocks.
// `npm run docs`; test/docs.test.ts fails when a committed file differs from what this writes.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checksDoc, readmeBlocks } from '../src/report/catalogue-docs.js';

const root = join(import.meta.dirname, '..');
await writeFile(join(root, 'docs', 'checks.md'), checksDoc());
const readme = join(root, 'README.md');
await writeFile(readme, readmeBlocks(await readFile(readme, 'utf8')));
console.log('wrote docs/checks.md and the README\'s generated blocks');
