// Scale, full re-list: a paginated catalogue of CATALOGUE_TOOLS tools served by the mock and the bare SDK server from
// the same file, re-listed in full (every nextCursor followed) by the bench's SDK client over each transport, mock and
// bare alternating. Knobs: BENCH_SCALE_TOOLS, BENCH_SCALE_RELISTS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type BenchServer, type Memory, memoryOf, type ServerTransport, type StartServer } from './bench-server.js';

const CATALOGUE_TOOLS = Number(process.env.BENCH_SCALE_TOOLS ?? 10_000);
export const PAGE_SIZE = 100;
const RELISTS = Number(process.env.BENCH_SCALE_RELISTS ?? 10);
const RELIST_WARMUP = 2;
const SCALE_TRANSPORTS: readonly ServerTransport[] = ['stdio', 'sse', 'http'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export interface RelistRow {
  transport: ServerTransport;
  tools: number;
  pages: number;
  relists: number;
  mockMs: number;
  bareMs: number;
  /** Median of the per-pair ratios (mock and bare re-listed back to back). */
  ratio: number;
  mock: Memory;
  bare: Memory;
}

/** Follows every nextCursor; returns the number of pages (and checks every tool came back). */
async function relist(client: Client): Promise<number> {
  let cursor: string | undefined;
  let pages = 0;
  let tools = 0;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    pages += 1;
    tools += page.tools.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  if (tools !== CATALOGUE_TOOLS) throw new Error(`a full re-list returned ${tools} of ${CATALOGUE_TOOLS} tools`);
  return pages;
}

async function timedRelist(server: BenchServer, into: number[]): Promise<number> {
  const start = performance.now();
  const pages = await relist(server.client);
  into.push(performance.now() - start);
  return pages;
}

async function relistRow(start: StartServer, kind: ServerTransport, args: string[]): Promise<RelistRow> {
  const mock = await start('mock', kind, args);
  try {
    const bare = await start('bare', kind, args);
    try {
      for (let i = 0; i < RELIST_WARMUP; i++) {
        await relist(mock.client);
        await relist(bare.client);
      }
      const times = { mock: [] as number[], bare: [] as number[] };
      let pages = 0;
      for (let i = 0; i < RELISTS; i++) {
        // Alternate who goes first, so neither always follows the other's garbage collection.
        const mockFirst = i % 2 === 0;
        pages = await timedRelist(mockFirst ? mock : bare, mockFirst ? times.mock : times.bare);
        await timedRelist(mockFirst ? bare : mock, mockFirst ? times.bare : times.mock);
      }
      return {
        transport: kind,
        tools: CATALOGUE_TOOLS,
        pages,
        relists: RELISTS,
        mockMs: median(times.mock),
        bareMs: median(times.bare),
        ratio: median(times.mock.map((ms, i) => ms / (times.bare[i] ?? Number.NaN))),
        mock: memoryOf(mock.pid()),
        bare: memoryOf(bare.pid()),
      };
    } finally {
      await bare.stop();
    }
  } finally {
    await mock.stop();
  }
}

/** One row per transport; the catalogue lives in a temporary file, removed again on every path. */
export async function relistRows(start: StartServer): Promise<RelistRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mnc-bench-scale-'));
  try {
    const file = join(dir, 'catalogue.json');
    const tools = Array.from({ length: CATALOGUE_TOOLS }, (_, i) => ({
      name: `tool-${String(i).padStart(5, '0')}`,
      description: `Tool ${i} of the scale catalogue`,
      inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
    }));
    writeFileSync(file, JSON.stringify({ tools }));
    const args = ['--catalogue', file, '--page-size', String(PAGE_SIZE)];
    const rows: RelistRow[] = [];
    for (const kind of SCALE_TRANSPORTS) {
      const row = await relistRow(start, kind, args);
      rows.push(row);
      console.error(`re-list ${kind}: mock ${row.mockMs.toFixed(1)} ms · bare ${row.bareMs.toFixed(1)} ms · ratio ${row.ratio.toFixed(2)}`);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
