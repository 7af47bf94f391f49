import { servedEra } from '../model/eras/all-eras.js';
import '../dispose.js';
import { DisposalStack } from '../dispose.js';
import { errorMessage, HarnessError } from '../errors.js';
import type { Scenario } from '../model/scenario-schema.js';
import { type Era, itemKey, LIST_KINDS, type TransportKind } from '../model/words.js';
import { MockServer } from '../mock-server/mock-server.js';
import { bindTransport, type TransportBinding } from '../mock-server/transports/bind.js';
import type { StreamableHttpOptions } from '../mock-server/transports/http/streamable-http.js';
import { DEFAULT_OPS, type StepRegistry } from '../steps/op-registry.js';
import type { TargetEndpoint } from '../targets/command.js';
import type { RunningTarget, Target } from '../targets/target.js';
import { Journal } from '../trace/journal.js';
import { TRACE_FORMAT, type Trace } from '../trace/trace.js';
import { VERSION } from '../version.js';
import { runSteps } from './stepper.js';

/** Serves a mock over a transport: the real bindings by default, an in-memory one in the runner's tests. */
export type Bind = (transport: TransportKind, mock: MockServer, options: StreamableHttpOptions) => Promise<TransportBinding>;

export interface CellOptions {
  scenario: Scenario;
  transport: TransportKind;
  /** The cell's protocol era (default legacy): the target is told to speak it; the mock serves it unless the scenario's `serves` says otherwise. */
  era?: Era;
  target: Target;
  /** The eras the target was found to speak on this transport (`--era auto`), kept on the trace for the checks. */
  speaks?: readonly Era[];
  debounceMs?: number;
  /** Hard cap for the whole cell; a cell still running then is a harness error. */
  timeoutMs: number;
  /** Aborted on Ctrl-C: the cell stops waiting and cleans up. */
  signal?: AbortSignal;
  ops?: StepRegistry;
  bind?: Bind;
  /**
   * Taken before the target starts and given back once it is ready (the first `ready` step ended) or the cell ends:
   * with several jobs, targets start one at a time, so no cell's measurements share the cores with a crowd of start-ups.
   */
  startGate?: () => Promise<() => void>;
}

export interface CellRun {
  trace: Trace;
  durationMs: number;
  /** Set when the harness could not play the cell (target never started, a wait the scenario needs never came). */
  error?: HarnessError;
}

function snapshot(mock: MockServer, journal: Journal): void {
  const keys = Object.fromEntries(LIST_KINDS.map((kind) => [kind, mock.catalogue.list(kind).map((item) => itemKey(kind, item))]));
  journal.append({ kind: 'catalogue-snapshot', revision: mock.catalogue.revision, keys: keys as Record<'tools' | 'resources' | 'prompts', string[]> });
}

/** Where a target finds the mock a binding serves, told to speak `era`. */
export function endpointOf(binding: TransportBinding, scenario: Pick<Scenario, 'id'>, era: TargetEndpoint['era']): TargetEndpoint {
  return {
    transport: binding.kind,
    era,
    scenario: scenario.id,
    ...(binding.url ? { url: binding.url } : {}),
    ...(binding.command ? { serverCommand: binding.command } : {}),
    ...(binding.connect ? { connect: binding.connect } : {}),
  };
}

/** Plays the steps against a started target and names what went wrong, if the harness could not finish the cell. */
async function play(options: CellOptions, scenario: Scenario, mock: MockServer, target: RunningTarget, stop: AbortSignal) {
  const base = {
    mock,
    journal: mock.journal,
    transport: options.transport,
    signal: stop,
    target,
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
  };
  await runSteps(base, scenario.steps, options.ops ?? DEFAULT_OPS);
  await target.finish(stop);
  if (options.signal?.aborted) throw new HarnessError('INTERRUPTED', 'interrupted');
  // A target that never connected, or died, is judged (target-connects, target-survives): keep what it said as evidence.
  const connected = mock.journal.ofKind('session-initialized').length > 0 || mock.journal.ofKind('probe-connected').length > 0;
  const died = mock.journal.ofKind('target-exited').some((event) => !event.expected);
  const lines = target.tail().split('\n').filter((line) => line.trim() !== '');
  if ((!connected || died) && lines.length) mock.journal.append({ kind: 'target-output', lines });
  if (stop.aborted && !target.hasExited) {
    throw new HarnessError('CELL_TIMEOUT', `the cell did not finish within ${options.timeoutMs} ms`, 'raise --timeout');
  }
}

/** A controller aborted with the run's signal (the link is undone when the stack is disposed). */
export function linkedStop(signal: AbortSignal | undefined, stack: DisposalStack): { stop: AbortController; abort: () => void } {
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal?.addEventListener('abort', abort, { once: true });
  stack.defer(() => signal?.removeEventListener('abort', abort));
  return { stop, abort };
}

/** Gives the start gate back when the first `ready` step ends; the returned function gives it back at once (idempotent). */
function untilReady(journal: Journal, release: () => void): () => void {
  const done = () => {
    unsubscribe();
    release();
  };
  const unsubscribe = journal.subscribe((event) => {
    if (event.kind === 'step' && event.op === 'ready' && event.phase === 'end') done();
  });
  return done;
}

/** Plays one scenario on one transport against the target: fresh mock, binding and target, steps, then disposal in reverse. */
export async function runCell(options: CellOptions): Promise<CellRun> {
  const { transport } = options;
  const { scenario, token } = options.target.prepare(options.scenario);
  // Queueing for the gate is not the cell's time: its clock starts once it may start its target.
  const release = await options.startGate?.();
  const journal = new Journal();
  const gateDone = release ? untilReady(journal, release) : () => undefined;
  const startedAt = new Date().toISOString();
  const { catalogue, capabilities, pageSize, ttlMs, refuseDiscover } = scenario;
  const era = options.era ?? 'legacy';
  const served = servedEra(era, scenario.serves);
  let error: HarnessError | undefined;
  let running: RunningTarget | undefined;
  {
    await using stack = new DisposalStack();
    stack.defer(gateDone);
    const mock = new MockServer({ catalogue, capabilities, pageSize, journal, era: served, ttlMs });
    if (refuseDiscover) mock.modern.refuseDiscover = refuseDiscover;
    stack.defer(() => mock.close());
    // Ends the cell's waits on Ctrl-C, on the cap, or when the target exits by itself.
    const { stop, abort } = linkedStop(options.signal, stack);
    const timer = setTimeout(abort, options.timeoutMs);
    stack.defer(() => clearTimeout(timer));
    try {
      snapshot(mock, journal);
      // A server under test is its own endpoint: no mock is bound for it (the mock only holds the journal).
      let endpoint: TargetEndpoint = { transport, era, scenario: scenario.id };
      if (options.target.endpoint === 'mock') {
        const binding = await (options.bind ?? bindTransport)(transport, mock, scenario.http);
        stack.defer(() => binding.close());
        endpoint = endpointOf(binding, scenario, era);
      }
      running = await options.target.start({ endpoint, journal, signal: stop.signal, ...(token ? { token } : {}) });
      const target = running;
      stack.defer(async () => {
        await target[Symbol.asyncDispose]();
      });
      void target.exited.then(abort);
      await play(options, scenario, mock, target, stop.signal);
    } catch (caught) {
      const tail = running?.tail();
      const harness = caught instanceof HarnessError ? caught : new HarnessError('HARNESS', errorMessage(caught));
      error = tail && !harness.hint ? new HarnessError(harness.code, harness.message, `target output:\n${tail}`) : harness;
    } finally {
      // The catalogue as the cell ends, before anything is disposed.
      snapshot(mock, journal);
    }
  }
  const trace: Trace = {
    meta: {
      format: TRACE_FORMAT,
      tool: { name: 'mcp-notify-check', version: VERSION },
      scenario,
      transport,
      era,
      ...(served === era ? {} : { served }),
      ...(options.speaks ? { speaks: [...options.speaks] } : {}),
      ...options.target.facts,
      target: options.target.label,
      options: options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs },
      startedAt,
      origin: journal.origin,
    },
    events: journal.snapshot(),
  };
  const durationMs = Math.round(journal.clock.now() - journal.origin);
  return error ? { trace, durationMs, error } : { trace, durationMs };
}
