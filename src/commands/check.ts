import { Command } from 'commander';
import { z } from 'zod';
import { MsSchema } from '../config/run-options.js';
import { inconclusiveOf, judge } from '../judging/judge.js';
import { type CellReport, exitCodeOf, FailOnSchema, makeReport } from '../judging/run-report.js';
import { deliver, parseReporters } from '../reporters/deliver.js';
import type { ReporterContext } from '../reporters/reporter-registry.js';
import { formatCell } from '../reporters/pretty.js';
import { readTrace } from '../trace/file.js';
import type { Trace } from '../trace/trace.js';
import { VERSION } from '../version.js';
import type { CliIo, ExitCode } from './io.js';
import { collect, parseOptions, useColor } from './options.js';

const CheckOptionsSchema = z.object({
  trace: z.array(z.string()).min(1, 'give at least one --trace <file.jsonl>'),
  debounce: MsSchema.optional(),
  reporter: z.array(z.string()).default([]),
  out: z.string().default('reports'),
  strict: z.boolean().default(false),
  failOn: FailOnSchema.default('all'),
});

/** `mcp-notify-check check --trace file.jsonl…`: re-judge saved traces offline (e.g. after changing a check). */
export function checkCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command('check')
    .description('re-judge saved traces without running anything')
    .option('--trace <files...>', 'traces written by run: one or more files, e.g. reports/traces/*.jsonl (repeatable)')
    .option('--debounce <ms>', 'judge debounce-window and gw-debounce-window against this window instead of the one recorded')
    .option('--reporter <name[:path]>', 'pretty, json, junit, markdown, html (repeatable)', collect)
    .option('--out <dir>', 'where report files go by default')
    .option('--strict', 'warnings fail too')
    .option('--fail-on <level>', 'which severities fail: must, should or all (default all); the rest are warnings')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(CheckOptionsSchema, raw, 'check');
      const reporters = parseReporters(options.reporter, options.out);
      const started = performance.now();
      const cells: CellReport[] = [];
      const traces: Trace[] = [];
      for (const path of options.trace) {
        const trace = await readTrace(path);
        traces.push(trace);
        const debounce = options.debounce;
        const runOptions = debounce === undefined ? trace.meta.options : { ...trace.meta.options, debounceMs: debounce };
        const last = trace.events.at(-1);
        const checks = judge({ ...trace, meta: { ...trace.meta, options: runOptions } }, options.failOn);
        const inconclusive = inconclusiveOf(checks);
        cells.push({
          scenario: trace.meta.scenario.id,
          transport: trace.meta.transport,
          era: trace.meta.era,
          durationMs: Math.round(last?.t ?? 0),
          attempts: 1,
          trace: path,
          checks,
          ...(inconclusive === undefined ? {} : { inconclusive }),
        });
      }
      const report = makeReport(
        {
          target: traces[0]?.meta.target ?? '',
          startedAt: new Date().toISOString(),
          durationMs: Math.round(performance.now() - started),
          options: {
            transports: [...new Set(cells.map((cell) => cell.transport))],
            eras: [...new Set(cells.map((cell) => cell.era))],
            scenarios: cells.map((cell) => cell.scenario),
            repeat: 1,
            strict: options.strict,
            failOn: options.failOn,
          },
          cells,
          excluded: [],
        },
        { name: 'mcp-notify-check', version: VERSION },
      );
      const ctx: ReporterContext = { stdout: io.stdout, stderr: io.stderr, outDir: options.out, color: useColor(io) };
      for (const cell of cells) io.stderr.write(`${formatCell(cell, ctx)}\n`);
      const delivery = await deliver(report, reporters, ctx);
      setExit(delivery.failed.length ? 2 : exitCodeOf(report));
    });
}
