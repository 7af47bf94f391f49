import { z } from 'zod';
import { CapabilitiesSchema, CatalogueSeedSchema } from '../mock-server/catalogue-schema.js';
import { TransportKindSchema } from '../trace/events.js';
import { StepSchema } from './steps.js';

export const ALL_TRANSPORTS = TransportKindSchema.options;

export const CheckRefSchema = z.object({
  id: z.string().min(1),
  options: z.record(z.string(), z.unknown()).default({}),
});

/** A scenario is data: built-ins are TypeScript objects, users load the same shape from JSON. */
export const ScenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  title: z.string().min(1),
  description: z.string().default(''),
  /** Client mode or gateway mode (the sandwich). */
  mode: z.enum(['client', 'gateway']).default('client'),
  transports: z.array(TransportKindSchema).min(1).default([...ALL_TRANSPORTS]),
  /** Why each transport left out of `transports` is left out (shown in `list scenarios`). */
  exclusions: z.partialRecord(TransportKindSchema, z.string()).default({}),
  /** Gateway mode: why the scenario cannot run when the gateway's downstream side is stdio (absent: it can). */
  notWithStdioDownstream: z.string().optional(),
  catalogue: CatalogueSeedSchema.default({ tools: [], resources: [], resourceTemplates: [], prompts: [] }),
  capabilities: CapabilitiesSchema.default({
    tools: { listChanged: true },
    resources: { listChanged: true, subscribe: true },
    prompts: { listChanged: true },
  }),
  pageSize: z.number().int().min(0).default(0),
  http: z
    .object({
      eventStore: z.boolean().default(false),
      retryMs: z.number().int().min(0).optional(),
      responseMode: z.enum(['sse', 'json']).default('sse'),
    })
    .default({ eventStore: false, responseMode: 'sse' }),
  steps: z.array(StepSchema).min(1),
  checks: z.array(CheckRefSchema).min(1),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
