import { z } from 'zod';
import { CapabilitiesSchema, CatalogueSeedSchema } from './catalogue-schema.js';
import { DiscoverRefusalSchema } from './discover-refusal.js';
import { type Era, ERAS, EraSchema, ServesSchema, TRANSPORT_NAMES, type TransportKind, TransportKindSchema } from './words.js';

/**
 * A step as the scenario holds it: an op name plus that op's fields. Each op's own schema (its bounds and defaults)
 * lives with the op's record in `steps/`; the step registry validates a scenario's steps against it on load.
 */
export const StepShapeSchema = z.object({ op: z.string().min(1) }).loose();
export type StepShape = z.infer<typeof StepShapeSchema>;

export const CheckRefSchema = z.object({
  id: z.string().min(1),
  options: z.record(z.string(), z.unknown()).default({}),
});

/** A scenario is data: built-ins are TypeScript objects, users load the same shape from JSON. */
export const ScenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  title: z.string().min(1),
  description: z.string().default(''),
  /** Client mode, gateway mode (the sandwich) or server mode (the target is the server; the harness its clients). */
  mode: z.enum(['client', 'gateway', 'server']).default('client'),
  /**
   * The transports it plays on: by default every one registered, as the registry's own live list (nothing writes to a
   * scenario's lists), so a transport registered after the scenarios were read plays in them too.
   */
  transports: z.array(TransportKindSchema).min(1).default(() => TRANSPORT_NAMES as TransportKind[]),
  /** Why each transport left out of `transports` is left out (shown in `list scenarios`). */
  exclusions: z.partialRecord(TransportKindSchema, z.string()).default({}),
  /** The protocol eras it plays in (each transport that carries them): every one registered by default, live as above. */
  eras: z.array(EraSchema).min(1).default(() => ERAS as Era[]),
  /** Why each era left out of `eras` is left out. */
  eraExclusions: z.partialRecord(EraSchema, z.string()).default({}),
  /**
   * What the mock serves, relative to the cell's era (which the target is told to speak): `cell` (that era), `other`
   * (only the other one, for the fallback scenarios) or `dual` (both on one endpoint, as a dual-era server may).
   */
  serves: ServesSchema.default('cell'),
  /** How a 2025-only mock refuses `server/discover` (absent: as its transport does anyway; see DiscoverRefusalSchema). */
  refuseDiscover: DiscoverRefusalSchema.optional(),
  /** Gateway mode: why the scenario cannot run when the gateway's downstream side is stdio (absent: it can). */
  notWithStdioDownstream: z.string().optional(),
  /** Why the scenario cannot run unless the target's window is declared (--debounce); absent: it can. */
  needsWindow: z.string().optional(),
  /** Gateway mode: why the scenario cannot run with the probe as the gateway's only user (--also-downstream); absent: it can. */
  needsUsers: z.string().optional(),
  catalogue: CatalogueSeedSchema.default({ tools: [], resources: [], resourceTemplates: [], prompts: [] }),
  capabilities: CapabilitiesSchema.default({
    tools: { listChanged: true },
    resources: { listChanged: true, subscribe: true },
    prompts: { listChanged: true },
  }),
  pageSize: z.number().int().min(0).default(0),
  /** Modern era: the `ttlMs` every list result carries (0: a cached list is never fresh). */
  ttlMs: z.number().int().min(0).default(0),
  http: z
    .object({
      eventStore: z.boolean().default(false),
      retryMs: z.number().int().min(0).optional(),
      responseMode: z.enum(['sse', 'json']).default('sse'),
    })
    .default({ eventStore: false, responseMode: 'sse' }),
  steps: z.array(StepShapeSchema).min(1),
  checks: z.array(CheckRefSchema).min(1),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
