import { z } from 'zod';
import { EraSchema } from '../model/words.js';
import { FailOnSchema } from '../report/model.js';
import { DEFAULT_GATEWAY_STARTUP_MS, DEFAULT_PROBE_INTERVAL_MS } from '../targets/gateway/gateway-target.js';

/** `--shard i/n`: the i-th of n slices of a plan (1-based), for a CI matrix. */
export const ShardSchema = z
  .string()
  .regex(/^\d+\/\d+$/, 'use i/n, e.g. 1/3')
  .transform((value) => {
    const [index = 0, count = 0] = value.split('/').map(Number);
    return { index, count };
  })
  .refine((shard) => shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count, 'i must be between 1 and n');

/** A cell that takes longer than this is a hung target or scenario. */
export const DEFAULT_CELL_TIMEOUT_MS = 60_000;

export const MsSchema = z.coerce.number().int().min(0);

/** The options of `run` and `demo`, from flags or a config file (camelCase keys); defaults live here. */
export const RunOptionsSchema = z.object({
  client: z.string().min(1).optional(),
  gateway: z.string().min(1).optional(),
  downstream: z.string().min(1).optional(),
  downstreamTransport: z.enum(['http', 'sse']).optional(),
  server: z.string().min(1).optional(),
  serverUrl: z.string().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
  changeTool: z.string().min(1).optional(),
  changeArgs: z.string().min(1).optional(),
  changeCmd: z.string().min(1).optional(),
  /** Gateway mode: the era the probe speaks downstream (the upstream mock plays each --era). */
  downstreamEra: EraSchema.optional(),
  // One template, `stdio=a.json,http=b.json` on the command line, or an object of transport → template in a config file.
  gatewayConfig: z.union([z.string().min(1), z.partialRecord(z.enum(['stdio', 'sse', 'http']), z.string().min(1))]).optional(),
  setup: z.string().min(1).optional(),
  teardown: z.string().min(1).optional(),
  startupTimeout: z.coerce.number().int().min(1_000).default(DEFAULT_GATEWAY_STARTUP_MS),
  probeInterval: z.coerce.number().int().min(0).default(DEFAULT_PROBE_INTERVAL_MS),
  catalogUrl: z.string().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
  // Repeatable `Name: value`; a config file may give one string or a list.
  header: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.string().min(1))).default([]),
  probeCall: z.boolean().default(true),
  // Repeatable: more users of the gateway, each at its own URL (a second worker's, or the same one twice).
  alsoDownstream: z
    .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.string().regex(/^https?:\/\//, 'must be an http(s) URL')))
    .default([]),
  transport: z.string().optional(),
  era: z.string().optional(),
  scenario: z.string().optional(),
  scenarioFile: z.array(z.string()).default([]),
  debounce: MsSchema.optional(),
  reporter: z.array(z.string()).default([]),
  out: z.string().min(1).default('reports'),
  repeat: z.coerce.number().int().min(1).max(100).default(1),
  timeout: z.coerce.number().int().min(1_000).default(DEFAULT_CELL_TIMEOUT_MS),
  strict: z.boolean().default(false),
  failOn: FailOnSchema.default('all'),
  quiet: z.boolean().default(false),
  // `auto`: from the core count, and one at a time for a gateway whose hooks or catalogue act on shared state.
  jobs: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default('auto'),
  baseline: z.string().min(1).optional(),
  writeBaseline: z.string().min(1).optional(),
  shard: ShardSchema.optional(),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;

/** Command-line values override the config file; flags not given fall back to it. */
export function merge(config: Record<string, unknown>, cli: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const [key, value] of Object.entries(cli)) if (value !== undefined) out[key] = value;
  return out;
}
