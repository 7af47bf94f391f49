import { groupOptions } from '../config/option-groups.js';
import { type RunOptions } from '../config/run-options.js';
import { type CellReport, exitCodeOf, partialReport, type RunReport } from '../judging/run-report.js';
import { VERSION } from '../version.js';
import { deliver, parseReporters } from '../reporters/deliver.js';
import type { ReporterContext } from '../reporters/reporter-registry.js';
import { runPlan } from '../runner/plan.js';
import { applyBaseline, baselineOf, loadBaseline } from '../judging/baseline.js';
import { CHECKS_BY_ID } from '../checks/check-registry.js';
import type { Scenario } from '../model/scenario-schema.js';
import { SCENARIOS } from '../scenarios/scenario-registry.js';
import { setMaxListeners } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { HarnessError } from '../errors.js';
import { checkOutDir } from './out-dir.js';
import { progress } from './progress.js';
import { type ReproduceCommand, reproducer } from './reproduce.js';
import { checkPlaceholders, chooseScenarios, chooseTarget } from './choose.js';
import { serverTransport } from '../targets/server/server-options.js';
import { type CliIo, type ExitCode, signalExitCode } from './io.js';
import { parseEras, parseTransports, useColor } from './options.js';

/**
 * How many cells `--jobs auto` runs per core. Cells mostly wait (control windows, storms on a schedule, quiet periods).
 * With two target starts at a time, 6 per core overloaded a busy 2-core runner enough to flip verdicts in the soak; with
 * one start at a time (plan.ts, startWidth) 6 per core is soaked in BENCHMARKS.md.
 */
const JOBS_PER_CORE = 6;

/** Runs the plan, writes every report, and returns the exit code; the reports are written whatever happened. */
export async function executeRun(
  options: RunOptions,
  io: CliIo,
  command: ReproduceCommand = 'run',
): Promise<{ report: RunReport; code: ExitCode }> {
  const groups = groupOptions(options);
  const { run } = groups;
  checkOutDir(run.out);
  const reporters = parseReporters(run.reporter, run.out);
  // A server speaks one transport (stdio, or what its URL says): that is the default for --server.
  const transports = groups.mode === 'server' && !run.transport ? [serverTransport(groups.server.serverUrl)] : parseTransports(run.transport);
  const target = chooseTarget(groups, io, transports);
  const scenarios = await chooseScenarios(run, target.mode);
  // A client or a server plays the eras it speaks (found from a first contact); a gateway's upstream mock plays legacy
  // unless --era names eras (its probe's era is --downstream-era).
  const eras = parseEras(run.era, target.mode === 'gateway' ? ['legacy'] : 'auto');
  if (eras === 'auto' && target.mode === 'gateway') {
    throw new HarnessError('BAD_OPTION', '--era auto is for clients and servers: name the eras a gateway\'s upstream mock plays', 'e.g. --era legacy,modern');
  }
  const expected = run.baseline ? await loadBaseline(run.baseline, knownIds(scenarios)) : undefined;
  if (groups.mode === 'client') checkPlaceholders(groups.client.client ?? '', transports);
  if (groups.mode === 'gateway') checkPlaceholders(groups.gateway.gateway ?? '', transports);
  const ctx: ReporterContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    outDir: run.out,
    color: useColor(io),
  };
  // A built-in scenario is replayed by its id; one from a file, from the copy played beside its trace.
  const builtIn = new Set(scenarios.filter((scenario) => SCENARIOS.get(scenario.id) === scenario).map((scenario) => scenario.id));
  const stop = new AbortController();
  const jobs = run.jobs === 'auto' ? autoJobs(target.maxJobs) : run.jobs;
  // Each running cell listens on the run's signal once (its own waits listen on the cell's): room for every job, so a
  // real leak still warns.
  setMaxListeners(jobs + 10, stop.signal);
  let interruptedBy: string | undefined;
  void io.interrupted.then((signal) => {
    interruptedBy = signal;
    stop.abort();
  });
  const finished: CellReport[] = [];
  const shown = progress(io, ctx, run.quiet);
  const planned = runPlan({
    scenarios,
    transports,
    eras,
    target,
    outDir: run.out,
    repeat: run.repeat,
    strict: run.strict,
    failOn: run.failOn,
    cellTimeoutMs: run.timeout,
    signal: stop.signal,
    ...(run.debounce === undefined ? {} : { debounceMs: run.debounce }),
    ...(run.shard ? { shard: run.shard } : {}),
    jobs,
    reproduce: reproducer(command, options, builtIn),
    onCellStart: (cell) => shown.start(cell),
    onCell: (cell) => {
      finished.push(cell);
      shown.finish(cell);
    },
  });
  // A second Ctrl-C does not wait for the cell to wind down: the targets are already killed; report what finished.
  const forced = await Promise.race([planned.then(() => undefined), io.forced]);
  const plan = { target: target.label, transports, eras: eras === 'auto' ? [] : eras, scenarios: scenarios.map((scenario) => scenario.id) };
  shown.stop();
  const judged = forced === undefined ? await planned : partialReport(finished, forced, plan, VERSION);
  const report = expected ? applyBaseline(judged, expected) : judged;
  if (run.writeBaseline) await writeFile(run.writeBaseline, `${JSON.stringify(baselineOf(report), null, 2)}\n`);
  const delivery = await deliver(report, reporters, ctx, run.quiet);
  const signal = forced ?? interruptedBy;
  if (signal !== undefined) return { report, code: signalExitCode(signal) };
  return { report, code: delivery.failed.length ? 2 : exitCodeOf(report) };
}

/**
 * `--jobs auto`: cells spend their time waiting on targets and quiet periods, not computing, so a few per core; never more
 * than the target allows.
 */
export function autoJobs(maxJobs = Number.POSITIVE_INFINITY): number {
  return Math.max(1, Math.min(maxJobs, JOBS_PER_CORE * availableParallelism()));
}

/** The ids a baseline may name: the scenarios of this run's mode (built-in or from files) and every check. */
function knownIds(scenarios: readonly Scenario[]): { scenarios: ReadonlySet<string>; checks: ReadonlySet<string> } {
  const all = new Set([...SCENARIOS.keys(), ...scenarios.map((scenario) => scenario.id)]);
  return { scenarios: all, checks: new Set(CHECKS_BY_ID.keys()) };
}
