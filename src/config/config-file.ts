import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { errorMessage, HarnessError } from '../errors.js';
import { RunOptionsSchema } from './run-options.js';

/** Looked for in the working directory, in this order, when no --config is given. */
export const CONFIG_NAMES = ['mcp-notify-check.config.json', 'mcp-notify-check.config.yaml', 'mcp-notify-check.config.yml'];

/** Where the shipped JSON Schema of the config file lives (point `$schema` at it). */
export const CONFIG_SCHEMA_PATH = 'schemas/config.schema.json';

const KEYS = Object.keys(RunOptionsSchema.shape);

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(key: string): string {
  const best = KEYS.map((known) => ({ known, d: distance(key.toLowerCase(), known.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? `; did you mean "${best.known}"?` : `; known options: ${KEYS.join(', ')}`;
}

/** The options of a config file: the same schema as the flags, every key known, errors as `file: path: message`. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<Record<string, unknown>> {
  const path = explicit ?? CONFIG_NAMES.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
  if (!path) return {};
  let value: unknown;
  try {
    const text = await readFile(path, 'utf8');
    value = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `${path}: ${errorMessage(error)}`);
  }
  return checkConfig(value, path);
}

/**
 * Options checked as a config file's are: an object, every key known, every value valid; errors are BAD_CONFIG as
 * `where: path: message`. Returns them unparsed, so flags can still be merged over them.
 */
export function checkConfig(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HarnessError('BAD_CONFIG', `${where}: must hold an object of options (camelCase keys)`);
  }
  // `$schema` points an editor at the JSON Schema; it is no option.
  const options = Object.fromEntries(Object.entries(value).filter(([key]) => key !== '$schema'));
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) throw new HarnessError('BAD_CONFIG', `${where}: ${key}: unknown option${suggestion(key)}`);
  }
  const parsed = RunOptionsSchema.partial().safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HarnessError('BAD_CONFIG', `${where}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return options;
}

/** The JSON Schema of the config file, generated from the same zod schema as the flags. */
export function configJsonSchema(): unknown {
  const schema = RunOptionsSchema.partial().extend({ $schema: z.string().optional() }).strict();
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}
