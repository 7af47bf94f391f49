import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { z } from 'zod';
import { HarnessError } from '../errors.js';
import { parseReporter, REPORTERS, type ReporterContext } from '../reporters/index.js';
import { formatCell, formatSummary } from '../reporters/pretty.js';
import { exitCodeOf, type RunReport } from '../runner/report.js';
import { runPlan } from '../runner/plan.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { selectScenarios } from '../scenarios/registry.js';
import type { Scenario } from '../scenarios/schema.js';
import type { CliIo, ExitCode } from './io.js';
import { collect, merge, MsSchema, parseOptions, parseTransports, readConfig, splitList, useColor } from './options.js';
import { shellQuote } from '../targets/command.js';

/** A cell that takes longer than this is a hung target or scenario. */
export const DEFAULT_CELL_TIMEOUT_MS = 60_000;

export const RunOptionsSchema = z.object({
  client: z.string({ error: 'required: the client command to test (or use `mcp-notify-check demo`)' }).min(1),
  transport: z.string().optional(),
  scenario: z.string().optional(),
  scenarioFile: z.array(z.string()).default([]),
  debounce: MsSchema.optional(),
  reporter: z.array(z.string()).default([]),
  out: z.string().min(1).default('reports'),
  repeat: z.coerce.number().int().min(1).max(100).default(1),
  timeout: z.coerce.number().int().min(1_000).default(DEFAULT_CELL_TIMEOUT_MS),
  strict: z.boolean().default(false),
  quiet: z.boolean().default(false),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;

/** The bundled reference client's command line (what `demo` tests). */
export function referenceClientCommand(): string {
  const main = fileURLToPath(new URL('../../examples/reference-client/main.js', import.meta.url));
  if (!existsSync(main)) throw new HarnessError('NOT_BUILT', 'the reference client is not built', 'run `npm run build` first');
  return `${shellQuote(process.execPath)} ${shellQuote(main)}`;
}

async function chooseScenarios(options: RunOptions): Promise<Scenario[]> {
  const ids = splitList(options.scenario);
  const fromFiles = await Promise.all(options.scenarioFile.map((file) => loadScenarioFile(file)));
  if (fromFiles.length && ids.length === 0) return fromFiles;
  return [...selectScenarios(ids), ...fromFiles];
}

/** Runs the plan, writes every report, and returns the exit code; the reports are written whatever happened. */
export async function executeRun(options: RunOptions, io: CliIo): Promise<{ report: RunReport; code: ExitCode }> {
  const reporters = options.reporter.map(parseReporter);
  const scenarios = await chooseScenarios(options);
  const transports = parseTransports(options.transport);
  const ctx: ReporterContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    outDir: options.out,
    color: useColor(io),
  };
  const stop = new AbortController();
  void io.interrupted.then(() => stop.abort());
  const report = await runPlan({
    scenarios,
    transports,
    target: options.client,
    outDir: options.out,
    repeat: options.repeat,
    strict: options.strict,
    cellTimeoutMs: options.timeout,
    signal: stop.signal,
    env: io.env,
    cwd: io.cwd,
    ...(options.debounce === undefined ? {} : { debounceMs: options.debounce }),
    onCell: (cell) => {
      if (!options.quiet) io.stderr.write(`${formatCell(cell, ctx)}\n`);
    },
  });
  for (const choice of reporters) {
    const reporter = REPORTERS[choice.name];
    if (reporter) await reporter(report, choice.path, ctx);
  }
  if (!options.quiet) io.stderr.write(formatSummary(report, ctx));
  return { report, code: exitCodeOf(report) };
}

function addRunOptions(command: Command): Command {
  return command
    .option('--transport <list>', 'comma list of stdio, sse, http (default: all)')
    .option('--scenario <list>', 'comma list of scenario ids (default: all built-ins)')
    .option('--scenario-file <file>', 'run a scenario from a JSON file (repeatable)', collect)
    .option('--debounce <ms>', 'the debounce window the target is meant to have (judged by debounce-window)')
    .option('--reporter <name[:path]>', 'pretty, json, junit, markdown; json without a path goes to stdout (repeatable)', collect)
    .option('--out <dir>', 'output directory for traces and report files (default: reports)')
    .option('--repeat <n>', 'run each cell n times; measurements get p50/p95')
    .option('--timeout <ms>', `cap per cell (default ${DEFAULT_CELL_TIMEOUT_MS})`)
    .option('--strict', 'warnings fail the run too')
    .option('--quiet', 'no progress or summary on stderr')
    .option('--config <file>', 'JSON file of these options (camelCase keys); flags override it');
}

/** `mcp-notify-check run --client "<cmd>"`. */
export function runCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(
    new Command('run')
      .description('drive a client through the scenarios and judge it')
      .option('--client <command>', 'the client to test, run through the shell; placeholders {url} {server} {transport}'),
  ).action(async (raw: Record<string, unknown>) => {
    const { config, ...flags } = raw;
    const options = parseOptions(RunOptionsSchema, merge(await readConfig(config as string | undefined), flags), 'run');
    setExit((await executeRun(options, io)).code);
  });
}

/** `mcp-notify-check demo`: the whole suite against the bundled reference client. */
export function demoCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return addRunOptions(new Command('demo').description('run the suite against the bundled reference client')).action(
    async (raw: Record<string, unknown>) => {
      const { config, ...flags } = raw;
      const merged = merge(await readConfig(config as string | undefined), { ...flags, client: referenceClientCommand() });
      const options = parseOptions(RunOptionsSchema, merged, 'demo');
      setExit((await executeRun(options, io)).code);
    },
  );
}
