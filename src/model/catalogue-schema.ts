import { z } from 'zod';

export const ToolSchema = z.object({
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z
    .object({ type: z.literal('object'), properties: z.record(z.string(), z.unknown()).optional() })
    .loose()
    .default({ type: 'object', properties: { text: { type: 'string' } } }),
});

export const ResourceSchema = z.object({
  uri: z.string().min(1),
  name: z.string().min(1),
  mimeType: z.string().default('text/plain'),
  text: z.string().default(''),
});

export const ResourceTemplateSchema = z.object({
  uriTemplate: z.string().min(1),
  name: z.string().min(1),
});

export const PromptSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  arguments: z
    .array(
      z.object({ name: z.string(), description: z.string().optional(), required: z.boolean().optional() }),
    )
    .optional(),
});

/** The initial catalogue a mock starts from. */
export const CatalogueSeedSchema = z.object({
  tools: z.array(ToolSchema).default([]),
  resources: z.array(ResourceSchema).default([]),
  resourceTemplates: z.array(ResourceTemplateSchema).default([]),
  prompts: z.array(PromptSchema).default([]),
});

/** Which capabilities the mock advertises; notifications can be sent whether or not they are. */
export const CapabilitiesSchema = z.object({
  tools: z.object({ listChanged: z.boolean().default(true) }).default({ listChanged: true }),
  resources: z
    .object({ listChanged: z.boolean().default(true), subscribe: z.boolean().default(true) })
    .default({ listChanged: true, subscribe: true }),
  prompts: z.object({ listChanged: z.boolean().default(true) }).default({ listChanged: true }),
});

export type Tool = z.infer<typeof ToolSchema>;
export type Resource = z.infer<typeof ResourceSchema>;
export type ResourceTemplate = z.infer<typeof ResourceTemplateSchema>;
export type Prompt = z.infer<typeof PromptSchema>;
export type CatalogueSeed = z.infer<typeof CatalogueSeedSchema>;
export type CatalogueSeedInput = z.input<typeof CatalogueSeedSchema>;
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
export type CapabilitiesInput = z.input<typeof CapabilitiesSchema>;

/** The schema of one item of each kind. */
export const ITEM_SCHEMAS = {
  tools: ToolSchema,
  resources: ResourceSchema,
  resourceTemplates: ResourceTemplateSchema,
  prompts: PromptSchema,
} as const;
