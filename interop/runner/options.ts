import { Command } from 'commander';
import { z } from 'zod';
import { ShardSchema } from '../../src/config/run-options.js';
import { describeIssues, HarnessError } from '../../src/errors.js';

/** A `run` of the harness longer than this is hung (a full client suite takes about two minutes at --jobs 2). */
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/** The runner's options; defaults live here. */
export const RunnerOptionsSchema = z.object({
  /** Absent: `dist/src/cli.js` of this repository. */
  cli: z.string().min(1).optional(),
  only: z.array(z.string()).default([]).transform((names) => names.flatMap((name) => name.split(',')).map((name) => name.trim()).filter(Boolean)),
  shard: ShardSchema.optional(),
  update: z.boolean().default(false),
  repeat: z.coerce.number().int().min(1).max(20).default(1),
  // Two cells at a time leave a small machine usable for everything else the targets start.
  jobs: z.coerce.number().int().min(1).max(64).default(2),
  out: z.string().min(1).default('reports/interop'),
  timeout: z.coerce.number().int().min(1_000).default(DEFAULT_TIMEOUT_MS),
  rebuild: z.boolean().default(false),
});
export type RunnerOptions = z.infer<typeof RunnerOptionsSchema>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parses the runner's argv (after `node main.ts`); a bad value is a HarnessError naming the flag. */
export function parseRunnerArgs(argv: readonly string[], writeErr: (text: string) => void): RunnerOptions | 'help' {
  const program = new Command('interop')
    .description('builds every interop/<target>, has mcp-notify-check judge it, and compares with its expect.json')
    .option('--cli <path>', 'the harness CLI to judge with (default: dist/src/cli.js of this repository)')
    .option('--only <names>', 'only these targets, comma list (repeatable)', collect)
    .option('--shard <i/n>', 'every n-th target from the i-th, by name (for a CI matrix)')
    .option('--update', 'write each target\'s expect.json from this run instead of comparing')
    .option('--repeat <n>', 'play everything n times; a check whose status differs between plays fails')
    .option('--jobs <n>', 'cells the harness runs at once (default 2)')
    .option('--out <dir>', 'where build logs, traces and reports go (default: reports/interop)')
    .option('--timeout <ms>', `cap on each build step and each harness run (default ${DEFAULT_TIMEOUT_MS})`)
    .option('--rebuild', 'build even when the inputs have not changed')
    .exitOverride()
    // Errors are told once, by the caller, as one line.
    .configureOutput({ writeErr, writeOut: writeErr, outputError: () => undefined });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if ((error as { exitCode?: number }).exitCode === 0) return 'help';
    throw new HarnessError('USAGE', (error as Error).message.replace(/^error: /, ''));
  }
  const parsed = RunnerOptionsSchema.safeParse(program.opts());
  if (!parsed.success) throw new HarnessError('USAGE', describeIssues(parsed.error));
  return parsed.data;
}
