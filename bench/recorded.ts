// npm run bench:recorded — re-renders BENCHMARKS.md's Stability and Soak sections from bench/stability*.json and
// bench/soak.json (what `npm run stability` and `npm run soak` write) without re-running the bench's measurements.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recordedMarkdown } from './recorded-markdown.js';

const path = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const page = readFileSync(path, 'utf8');
const at = page.indexOf('\n## Stability');
if (at === -1) throw new Error('BENCHMARKS.md has no "## Stability" section to replace: run `npm run bench` first');
writeFileSync(path, `${page.slice(0, at)}\n${recordedMarkdown().replace(/^\n+/, '')}`);
console.error('BENCHMARKS.md: Stability and Soak sections re-rendered from the latest records');
