import { errorMessage, HarnessError } from '../errors.js';
import { itemKey } from '../mock-server/catalogue.js';
import { MockServer } from '../mock-server/mock-server.js';
import { bindTransport } from '../mock-server/transports/index.js';
import type { Scenario } from '../scenarios/schema.js';
import { startClientTarget, type TargetHandle } from '../targets/client-target.js';
import type { TransportKind } from '../trace/events.js';
import { Journal } from '../trace/journal.js';
import { TRACE_FORMAT, type Trace } from '../trace/trace.js';
import { VERSION } from '../version.js';
import { runSteps } from './stepper.js';

export interface CellOptions {
  scenario: Scenario;
  transport: TransportKind;
  /** The client command (placeholders as in DESIGN §8). */
  target: string;
  debounceMs?: number;
  /** Hard cap for the whole cell; a cell still running then is a harness error. */
  timeoutMs: number;
  /** Aborted on Ctrl-C: the cell stops waiting and cleans up. */
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface CellRun {
  trace: Trace;
  durationMs: number;
  /** Set when the harness could not play the cell (target never started, a wait the scenario needs never came). */
  error?: HarnessError;
}

function snapshot(mock: MockServer, journal: Journal): void {
  const keys = (kind: 'tools' | 'resources' | 'prompts') => mock.catalogue.list(kind).map((item) => itemKey(kind, item));
  journal.append({
    kind: 'catalogue-snapshot',
    revision: mock.catalogue.revision,
    keys: { tools: keys('tools'), resources: keys('resources'), prompts: keys('prompts') },
  });
}

/** Plays one scenario on one transport against the target: fresh mock, target, steps, then teardown in reverse. */
export async function runCell(options: CellOptions): Promise<CellRun> {
  const { scenario, transport } = options;
  const journal = new Journal();
  const startedAt = new Date().toISOString();
  const { catalogue, capabilities, pageSize } = scenario;
  const mock = new MockServer({ catalogue, capabilities, pageSize, journal });
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => stop.abort(), options.timeoutMs);
  const disposers: (() => Promise<void>)[] = [() => mock.close()];
  let target: TargetHandle | undefined;
  let error: HarnessError | undefined;
  try {
    snapshot(mock, journal);
    const binding = await bindTransport(transport, mock, scenario.http);
    disposers.push(() => binding.close());
    target = startClientTarget({
      command: options.target,
      endpoint: {
        transport,
        scenario: scenario.id,
        ...(binding.url ? { url: binding.url } : {}),
        ...(binding.command ? { serverCommand: binding.command } : {}),
      },
      journal,
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    const handle = target;
    disposers.push(() => handle.dispose());
    void handle.exited.then(() => stop.abort());
    await runSteps({ mock, journal, transport, signal: stop.signal }, scenario.steps);
    if (options.signal?.aborted) throw new HarnessError('INTERRUPTED', 'interrupted');
    if (!journal.ofKind('session-initialized').length && handle.hasExited) {
      throw new HarnessError('TARGET_START', 'the target exited before it initialized an MCP session');
    }
    if (stop.signal.aborted && !handle.hasExited) {
      throw new HarnessError('CELL_TIMEOUT', `the cell did not finish within ${options.timeoutMs} ms`, 'raise --timeout');
    }
  } catch (caught) {
    const tail = target?.tail();
    const harness = caught instanceof HarnessError ? caught : new HarnessError('HARNESS', errorMessage(caught));
    error = tail && !harness.hint ? new HarnessError(harness.code, harness.message, `target output:\n${tail}`) : harness;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    snapshot(mock, journal);
    for (const dispose of disposers.reverse()) {
      try {
        await dispose();
      } catch {
        // Teardown continues: every resource gets its chance to close.
      }
    }
  }
  const trace: Trace = {
    meta: {
      format: TRACE_FORMAT,
      tool: { name: 'mcp-notify-check', version: VERSION },
      scenario,
      transport,
      target: options.target,
      options: options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs },
      startedAt,
      origin: journal.origin,
    },
    events: journal.snapshot(),
  };
  const durationMs = Math.round(journal.clock.now() - journal.origin);
  return error ? { trace, durationMs, error } : { trace, durationMs };
}
