import type { Scenario } from '../model/scenario-schema.js';
import { type Era, type TransportKind } from '../model/words.js';
import { erasOf } from '../model/transports.js';
import { eraOf } from '../model/eras/all-eras.js';
import type { StepTarget } from '../steps/op.js';
import type { Journal } from '../trace/journal.js';
import type { TraceMeta } from '../trace/trace.js';
import type { TargetEndpoint } from './command.js';

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/** The trace facts a target states for all its cells. */
export type TargetFacts = Pick<TraceMeta, 'downstreamEra'>;

/** What a target gets to start one cell. */
export interface CellStart {
  /** Where the mock is: a URL, a stdio command line, or an in-memory connection. */
  endpoint: TargetEndpoint;
  journal: Journal;
  /** Aborted when the cell must stop (interrupted, timed out): the target's own waits end early. */
  signal: AbortSignal;
  /** The token `prepare` put into the scenario's names, if any. */
  token?: string;
}

/** A started target: steps ask it to be ready (and gateway steps use its probe); disposal ends it and all it started. */
export interface RunningTarget extends StepTarget, AsyncDisposable {
  /** Settles when the target exits on its own or is ended. */
  readonly exited: Promise<ExitInfo>;
  readonly hasExited: boolean;
  /** The last lines the target wrote, for error messages. */
  tail(): string;
  /** After the steps, before disposal: the target's last observations (a gateway's users' final view). */
  finish(signal: AbortSignal): Promise<void>;
}

/**
 * The seam between the runner and what it tests. Client and gateway targets implement it (an in-memory one serves the
 * runner's own tests); the runner never asks which one it holds.
 */
export interface Target {
  /** What reports call the target (its command line). */
  readonly label: string;
  /** The scenario mode this target plays (`client` or `gateway`). */
  readonly mode: Scenario['mode'];
  /**
   * Where the cell's server is: `mock`, bound on the cell's transport for the target to reach, or `own`: the target is
   * the server under test, reached by its own probes, and the mock only keeps the journal.
   */
  readonly endpoint: 'mock' | 'own';
  /** What the target adds to every trace's meta and to the report's options (a gateway: the era its probe speaks downstream). */
  readonly facts: TargetFacts;
  /** The most cells `--jobs auto` runs at once for this target (absent: no limit of its own). */
  readonly maxJobs?: number;
  /** Why this target cannot play `scenario` on `transport` in `era` (the cell is excluded with this reason), or undefined. */
  excludes(scenario: Scenario, transport: TransportKind, era: Era): string | undefined;
  /** The scenario as this target plays it; a gateway puts a per-cell token into every upstream name. */
  prepare(scenario: Scenario): { scenario: Scenario; token?: string };
  start(cell: CellStart): Promise<RunningTarget>;
}

/** The exclusion every target applies: the scenario's own transports and eras, the transport's eras, and the mode. */
export function scenarioExcludes(target: Pick<Target, 'mode'>, scenario: Scenario, transport: TransportKind, era: Era): string | undefined {
  if (scenario.mode !== target.mode) {
    return `a ${scenario.mode} scenario: run it with --${scenario.mode}`;
  }
  if (!scenario.transports.includes(transport)) return scenario.exclusions[transport] ?? 'not applicable';
  if (!erasOf(transport).includes(era)) return `${transport} exists only in the ${erasOf(transport).join(' and ')} era`;
  if (!scenario.eras.includes(era)) {
    const plays = scenario.eras.map((each) => eraOf(each).title).join(' and ');
    return scenario.eraExclusions[era] ?? `not applicable in the ${era} era: the scenario plays in the ${plays} era only`;
  }
  return undefined;
}
