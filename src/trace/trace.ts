import { z } from 'zod';
import { ScenarioSchema } from '../model/scenario-schema.js';
import type { TraceEvent } from './events.js';
import { EraSchema, MockEraSchema, TransportKindSchema } from '../model/words.js';

export const TRACE_FORMAT = 'mcp-notify-check/trace@1';

/** What a trace says about itself, so it can be re-judged offline. */
export const TraceMetaSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  tool: z.object({ name: z.string(), version: z.string() }),
  scenario: ScenarioSchema,
  transport: TransportKindSchema,
  /** The cell's protocol era: the one the target was told to speak (traces written before eras existed are legacy). */
  era: EraSchema.default('legacy'),
  /** What the mock served when the scenario made it differ from `era` (era-fallback); absent, it served `era`. */
  served: MockEraSchema.optional(),
  /** The eras the target was found to speak on this transport (`--era auto`); absent when `--era` named them. */
  speaks: z.array(EraSchema).optional(),
  /** Gateway mode: the era the probe spoke downstream (the upstream mock played `era`). */
  downstreamEra: EraSchema.optional(),
  target: z.string(),
  /** Run options checks may read (e.g. the debounce window the user expects). */
  options: z.object({ debounceMs: z.number().optional() }).default({}),
  startedAt: z.string(),
  /** Absolute clock ms that event `t` is measured from. */
  origin: z.number(),
});
export type TraceMeta = z.infer<typeof TraceMetaSchema>;

/** A frozen, self-describing record of one cell (scenario × transport × era). */
export interface Trace {
  readonly meta: TraceMeta;
  readonly events: readonly TraceEvent[];
}
