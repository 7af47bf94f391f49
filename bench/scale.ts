// The scale half of `npm run bench`: a 10,000-tool paginated catalogue re-listed in full over each transport
// (bench/scale-relist.ts), and 1,000 Streamable HTTP sessions each receiving one fanned-out tools/list_changed
// (bench/scale-fanout.ts); mock and bare SDK server side by side, both running at once, measured from this process.
// Knobs for shorter runs: BENCH_SCALE_TOOLS, BENCH_SCALE_RELISTS, BENCH_SCALE_SESSIONS, BENCH_SCALE_FANOUTS.
import type { StartServer } from './bench-server.js';
import { type FanoutRow, fanoutRows } from './scale-fanout.js';
import { type RelistRow, relistRows } from './scale-relist.js';

export interface ScaleResult {
  relist: RelistRow[];
  fanout: FanoutRow[];
}

/** The scale rows: every server started here is stopped again on every path. */
export async function scaleBench(start: StartServer): Promise<ScaleResult> {
  const relist = await relistRows(start);
  const fanout = await fanoutRows(start);
  for (const row of fanout) console.error(`fan-out ${row.side}: p50 ${row.p50Ms.toFixed(1)} ms p99 ${row.p99Ms.toFixed(1)} ms`);
  return { relist, fanout };
}
