import { z } from 'zod';
import { ListKindSchema } from '../trace/events.js';
import { PromptSchema, ResourceSchema, ToolSchema } from './catalogue-schema.js';

/** Upper bounds that keep a hand-typed storm from wedging the mock. */
export const MAX_STORM_COUNT = 100_000;
export const MAX_INTERVAL_MS = 60_000;

const notify = { notify: z.boolean().default(false) };
const sessions = { sessions: z.array(z.string()).optional() };

export const AdminBodies = {
  tools: ToolSchema.extend(notify),
  resources: ResourceSchema.extend(notify),
  prompts: PromptSchema.extend(notify),
  patch: z.record(z.string(), z.unknown()).and(z.object(notify)),
  notify: z.object({ list: ListKindSchema.default('tools'), ...sessions }),
  resourceUpdated: z.object({ uri: z.string().min(1) }),
  storm: z.object({
    count: z.number().int().min(1).max(MAX_STORM_COUNT),
    intervalMs: z.number().min(0).max(MAX_INTERVAL_MS).default(0),
    mutate: z.boolean().default(false),
    list: ListKindSchema.default('tools'),
  }),
  hold: z.object({
    method: z.string().min(1).default('tools/list'),
    count: z.number().int().min(1).optional(),
  }),
  release: z.object({ method: z.string().min(1).optional() }),
  delay: z.object({ method: z.string().min(1), ms: z.number().min(0).max(MAX_INTERVAL_MS) }),
  fault: z.object({
    fault: z.enum(['drop', 'duplicate']),
    count: z.number().int().min(1).default(1),
    list: ListKindSchema.optional(),
  }),
  sessions: z.object(sessions),
  exit: z.object({ code: z.number().int().min(0).max(255).default(1), ...sessions }),
};

/** Zod issues as `path: message` lines, joined for a one-line error. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}
