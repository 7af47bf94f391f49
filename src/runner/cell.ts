import { errorMessage, HarnessError } from '../errors.js';
import { itemKey } from '../mock-server/catalogue.js';
import { MockServer } from '../mock-server/mock-server.js';
import { bindTransport } from '../mock-server/transports/index.js';
import type { Scenario } from '../scenarios/schema.js';
import { newToken, tokenize } from '../scenarios/token.js';
import { startClientTarget, type TargetHandle } from '../targets/client-target.js';
import { type GatewayOptions, type RunningGateway, startGateway } from '../targets/gateway-target.js';
import { observeCatalog, startObservers } from '../targets/observers.js';
import type { TransportKind } from '../trace/events.js';
import { Journal } from '../trace/journal.js';
import { TRACE_FORMAT, type Trace } from '../trace/trace.js';
import { VERSION } from '../version.js';
import { runSteps } from './stepper.js';

/** How long a gateway may take to accept its first downstream session, unless told otherwise. */
export const DEFAULT_GATEWAY_STARTUP_MS = 20_000;
/** Gateway mode: probe every second between notifications — often enough to date a silent change, rare enough not to be the traffic. */
export const DEFAULT_PROBE_INTERVAL_MS = 1_000;

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
  /** Gateway mode: the gateway to sandwich (the target then is the gateway, not a client). */
  gateway?: GatewayOptions;
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
  const { transport } = options;
  const token = options.scenario.mode === 'gateway' ? newToken() : undefined;
  // Gateway cells tag every upstream name with a token, so the probe can recognise them behind renaming.
  const scenario = token ? tokenize(options.scenario, token) : options.scenario;
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
  let stopObservers: () => void = () => undefined;
  try {
    snapshot(mock, journal);
    const binding = await bindTransport(transport, mock, scenario.http);
    disposers.push(() => binding.close());
    const endpoint = {
      transport,
      scenario: scenario.id,
      ...(binding.url ? { url: binding.url } : {}),
      ...(binding.command ? { serverCommand: binding.command } : {}),
    };
    const spawnOptions = { ...(options.env ? { env: options.env } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) };
    let gateway: RunningGateway | undefined;
    if (token) {
      if (!options.gateway) throw new HarnessError('NEEDS_GATEWAY', `${scenario.id} is a gateway scenario`, 'run it with --gateway');
      gateway = await startGateway({ gateway: options.gateway, endpoint, journal, token, ...spawnOptions });
      target = gateway.handle;
    } else {
      target = startClientTarget({ command: options.target, endpoint, journal, ...spawnOptions });
    }
    const handle = target;
    disposers.push(() => handle.dispose());
    const running = gateway;
    const startupTimeoutMs = options.gateway?.startupTimeoutMs ?? DEFAULT_GATEWAY_STARTUP_MS;
    if (running) disposers.push(() => running.teardown());
    void handle.exited.then(() => stop.abort());
    const interval = options.gateway?.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    if (running && token && interval > 0) {
      const catalogUrl = running.catalogUrl;
      const observe = { probe: running.probe, journal, token, intervalMs: interval };
      stopObservers = startObservers(catalogUrl ? { ...observe, catalogUrl } : observe);
    }
    await runSteps(
      {
        mock,
        journal,
        transport,
        signal: stop.signal,
        ...(running ? { probe: running.probe, gatewayUp: () => running.setup(), startupTimeoutMs } : {}),
      },
      scenario.steps,
    );
    stopObservers();
    // The gateway's users' last view: list once more at the end (reconnecting if the gateway dropped the probe).
    if (gateway && !stop.signal.aborted) {
      if (!gateway.probe.connected) await gateway.probe.connect().catch(() => undefined);
      await gateway.probe.listAll('final');
      if (gateway.catalogUrl) await observeCatalog(gateway.catalogUrl, journal, token ?? '');
    }
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
    stopObservers();
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
