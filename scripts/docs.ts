// Rewrites what the docs say from the records: docs/checks.md, docs/options.md and the README's generated blocks.
// `npm run docs`; test/docs.test.ts fails when a committed file differs from what this writes.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { optionsDoc } from '../src/config/options-doc.js';
import { checksDoc, readmeBlocks } from '../src/judging/catalogue-docs.js';

const root = join(import.meta.dirname, '..');
await writeFile(join(root, 'docs', 'checks.md'), checksDoc());
await writeFile(join(root, 'docs', 'options.md'), optionsDoc());
const readme = join(root, 'README.md');
await writeFile(readme, readmeBlocks(await readFile(readme, 'utf8')));
console.log('wrote docs/checks.md, docs/options.md and the README\'s generated blocks');
