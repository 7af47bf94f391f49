import { Command } from 'commander';
import { z } from 'zod';
import { parseReporter, REPORTERS, type ReporterContext } from '../reporters/index.js';
import { formatCell, formatSummary } from '../reporters/pretty.js';
import { judge } from '../runner/plan.js';
import { type CellReport, exitCodeOf, type RunReport, summarize } from '../runner/report.js';
import { readTrace } from '../trace/trace.js';
import { VERSION } from '../version.js';
import type { CliIo, ExitCode } from './io.js';
import { collect, MsSchema, parseOptions, useColor } from './options.js';

const CheckOptionsSchema = z.object({
  trace: z.array(z.string()).min(1, 'give at least one --trace <file.jsonl>'),
  debounce: MsSchema.optional(),
  reporter: z.array(z.string()).default([]),
  out: z.string().default('reports'),
  strict: z.boolean().default(false),
});

/** `mcp-notify-check check --trace file.jsonl`: re-judge saved traces offline (e.g. after changing a check). */
export function checkCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command('check')
    .description('re-judge saved traces without running anything')
    .option('--trace <file>', 'a trace written by run (repeatable)', collect)
    .option('--debounce <ms>', 'judge debounce-window against this window instead of the one recorded')
    .option('--reporter <name[:path]>', 'pretty, json, junit, markdown (repeatable)', collect)
    .option('--out <dir>', 'where report files go by default')
    .option('--strict', 'warnings fail too')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(CheckOptionsSchema, raw, 'check');
      const reporters = options.reporter.map(parseReporter);
      const started = performance.now();
      const cells: CellReport[] = [];
      for (const path of options.trace) {
        const trace = await readTrace(path);
        const debounce = options.debounce;
        const runOptions = debounce === undefined ? trace.meta.options : { ...trace.meta.options, debounceMs: debounce };
        const meta = { ...trace.meta, options: runOptions };
        const rejudged = { ...trace, meta };
        const last = trace.events.at(-1);
        cells.push({
          scenario: trace.meta.scenario.id,
          transport: trace.meta.transport,
          durationMs: Math.round(last?.t ?? 0),
          attempts: 1,
          trace: path,
          checks: judge(rejudged),
        });
      }
      const first = cells[0];
      const report: RunReport = {
        tool: { name: 'mcp-notify-check', version: VERSION },
        target: first ? (await readTrace(first.trace)).meta.target : '',
        startedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
        options: {
          transports: [...new Set(cells.map((cell) => cell.transport))],
          scenarios: cells.map((cell) => cell.scenario),
          repeat: 1,
          strict: options.strict,
        },
        cells,
        excluded: [],
        summary: summarize(cells),
      };
      const ctx: ReporterContext = { stdout: io.stdout, stderr: io.stderr, outDir: options.out, color: useColor(io) };
      for (const cell of cells) io.stderr.write(`${formatCell(cell, ctx)}\n`);
      for (const choice of reporters) await REPORTERS[choice.name]?.(report, choice.path, ctx);
      io.stderr.write(formatSummary(report, ctx));
      setExit(exitCodeOf(report));
    });
}
