import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, HarnessError } from '../../src/errors.js';
import { EraSchema, TransportKindSchema } from '../../src/model/words.js';

/** Flags the runner sets on every `run` itself: a target that sets them too would fight it. */
const RUNNER_FLAGS = ['--transport', '--era', '--reporter', '--out', '--quiet', '--jobs'];

const RunSchema = z.strictObject({
  transports: z.array(TransportKindSchema).min(1),
  eras: z.array(EraSchema).min(1).optional(),
  args: z
    .array(z.string())
    .min(1)
    .refine((args) => !args.some((arg) => RUNNER_FLAGS.includes(arg.split('=')[0] ?? '')), {
      message: `the runner sets ${RUNNER_FLAGS.join(', ')} itself`,
    }),
});

/** One `interop/<name>/target.json`: a third-party program and how to build and judge it. */
export const TargetSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case (the folder name)'),
  mode: z.enum(['client', 'server', 'gateway']),
  language: z.string().min(1),
  library: z.string().min(1),
  version: z.string().min(1),
  build: z.array(z.array(z.string().min(1)).min(1)).default([]),
  inputs: z.array(z.string().min(1)).default([]),
  runs: z.array(RunSchema).min(1),
  notes: z.string().optional(),
  /**
   * Why the target's verdicts are not pinned yet (a verdict still decided by timing): it is judged only when `--only`
   * names it, and then its differences are reported like any other.
   */
  unpinned: z.string().min(1).optional(),
});
export type TargetSpec = z.infer<typeof TargetSchema>;
export type TargetRun = z.infer<typeof RunSchema>;

/** A target with the folder it lives in (the cwd of every command it names). */
export interface Target extends TargetSpec {
  dir: string;
}

const FILE = 'target.json';

/** Parses one target file; a bad one is a HarnessError naming the file and the field. */
export function parseTarget(text: string, file: string, folder: string): TargetSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HarnessError('BAD_TARGET', `${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = TargetSchema.safeParse(raw);
  if (!parsed.success) throw new HarnessError('BAD_TARGET', `${file}: ${describeIssues(parsed.error)}`);
  if (parsed.data.name !== folder) {
    throw new HarnessError('BAD_TARGET', `${file}: name: "${parsed.data.name}" must be the folder's name, "${folder}"`);
  }
  return parsed.data;
}

/** Every `<interopDir>/*\/target.json`, validated, sorted by name. */
export function loadTargets(interopDir: string): Target[] {
  const targets: Target[] = [];
  for (const entry of readdirSync(interopDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(interopDir, entry.name);
    const file = join(dir, FILE);
    if (!existsSync(file)) continue;
    targets.push({ ...parseTarget(readFileSync(file, 'utf8'), `interop/${entry.name}/${FILE}`, entry.name), dir });
  }
  return targets.sort((a, b) => a.name.localeCompare(b.name));
}
