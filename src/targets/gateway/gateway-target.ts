import '../../dispose.js';
import { DisposalStack } from '../../dispose.js';
import { errorMessage, HarnessError } from '../../errors.js';
import { newToken } from '../../model/words.js';
import { pause, type StepProbe } from '../../steps/op.js';
import { DEFAULT_OPS, type StepRegistry } from '../../steps/op-registry.js';
import { tokenize } from '../../steps/tokenize.js';
import type { Journal } from '../../trace/journal.js';
import { type Launched, launchGateway } from './gateway-launch.js';
import { type GatewayOptions, planGateway } from './gateway-plan.js';
import { observeCatalog, startObservers } from './observers.js';
import { scenarioExcludes, type RunningTarget, type Target } from '../target.js';
import { configExcludes } from './templates.js';

export type { GatewayOptions } from './gateway-plan.js';

/** How long a gateway may take to accept its first downstream session, unless told otherwise. */
export const DEFAULT_GATEWAY_STARTUP_MS = 20_000;
/** Probe every second between notifications: often enough to date a silent change, rare enough not to be the traffic. */
export const DEFAULT_PROBE_INTERVAL_MS = 1_000;
/** An upstream session may open lazily (on the first downstream session); `ready` waits this long for it. */
export const UPSTREAM_SESSION_WAIT_MS = 5_000;
/** Between attempts to connect the probe while the gateway starts. */
const CONNECT_RETRY_MS = 100;

/**
 * Tries `attempt` every CONNECT_RETRY_MS (the gateway, or one of its workers, may still be starting) until it succeeds,
 * a signal aborts or the deadline passes, then says which; the last error when the deadline passed. A harness error
 * (the gateway refused, a hook failed, a placeholder has no value) is thrown at once: retrying would not change it.
 */
async function retryUntil(
  attempt: () => Promise<void>,
  deadline: number,
  signals: readonly [AbortSignal, ...AbortSignal[]],
): Promise<'done' | 'aborted' | { error: unknown }> {
  for (;;) {
    try {
      await attempt();
      return 'done';
    } catch (error) {
      if (error instanceof HarnessError) throw error;
      if (signals.some((signal) => signal.aborted)) return 'aborted';
      if (performance.now() > deadline) return { error };
      await pause(CONNECT_RETRY_MS, signals[0]);
    }
  }
}

/**
 * The probe as steps use it: connect retries while the gateway starts, runs the setup hook once (before connecting when
 * the probe needs its outputs, else right after), then lists everything. A harness error (the gateway refused the
 * probe, a hook failed, a placeholder has no value) ends the run at once: retrying would not change it.
 */
function probeControl(
  gateway: Launched,
  options: { journal: Journal; signal: AbortSignal; probeCall: boolean; polling: () => boolean },
): StepProbe {
  const { journal, signal } = options;
  return {
    polling: options.polling,
    connect: async (timeoutMs, stepSignal) => {
      if (gateway.setupFirst) await gateway.setup();
      const outcome = await retryUntil(async () => {
        await gateway.probe.connect();
        await gateway.setup();
        await gateway.probe.listAll('initial');
        // A second list shows how the gateway routes its users' lists upstream (see checks/gateway/attribution).
        await gateway.probe.listAll('calibrate');
        // A lazy gateway opens an upstream session only when a user calls a tool: be that user.
        if (options.probeCall) await gateway.probe.callUpstreamTool();
      }, performance.now() + timeoutMs, [stepSignal, signal]);
      if (outcome === 'done') return { detail: 'connected' };
      if (outcome === 'aborted') return { detail: 'not ready: the gateway ended before the probe connected', halt: true };
      const why = `the gateway's downstream side did not accept an MCP session within ${timeoutMs} ms: ${errorMessage(outcome.error)}`;
      journal.append({ kind: 'probe-error', message: why });
      return { detail: `not ready: ${why}`, halt: true };
    },
    disconnect: (reason) => gateway.probe.disconnect(reason),
    listAll: (reason) => gateway.probe.listAll(reason),
    callUpstreamTool: () => gateway.probe.callUpstreamTool(),
  };
}

interface UserOptions {
  probeCall: boolean;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * The gateway's other users (`--also-downstream`) connect once the probe has, each as the probe does (lists, and calls
 * a tool so that a gateway with an upstream session per user opens one), retrying until the start-up deadline: a
 * second worker may still be starting. One that never connects is journalled under its label, and the cell goes on.
 */
async function connectUsers(gateway: Launched, options: UserOptions): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  await Promise.all(gateway.users.map(async (user) => {
    const outcome = await retryUntil(() => user.connect(), deadline, [options.signal]);
    if (outcome === 'aborted') return;
    if (outcome !== 'done') return user.gaveUp(`never connected within the gateway's start-up time: ${errorMessage(outcome.error)}`);
    await user.listAll('initial');
    if (options.probeCall) await user.callUpstreamTool();
  }));
}

/** The gateway's users' last view: list once more (reconnecting if the gateway dropped the probe), and its catalogue. */
async function finalView(gateway: Launched, journal: Journal, token: string): Promise<void> {
  if (!gateway.probe.connected) await gateway.probe.connect().catch(() => undefined);
  await gateway.probe.listAll('final');
  for (const user of gateway.users) await user.listAll('final');
  const catalog = gateway.catalog();
  if (catalog) await observeCatalog(catalog, journal, token);
}

/**
 * Whether two cells could meet on the same gateway state: hooks act on an API outside the cell, and a downstream or a
 * catalogue URL without {port} is one fixed address. Such a gateway plays one cell at a time unless --jobs says otherwise.
 */
function sharesState(options: GatewayOptions): boolean {
  const fixed = (url: string | undefined) => url !== undefined && url !== 'stdio' && !url.includes('{port}');
  const urls = [options.downstream, options.catalogUrl, ...(options.alsoDownstream ?? [])];
  return options.setup !== undefined || options.teardown !== undefined || urls.some(fixed);
}

/** A gateway under test, sandwiched between the mock (upstream) and the harness's probe (downstream). */
export function gatewayTarget(options: GatewayOptions, ops: StepRegistry = DEFAULT_OPS): Target {
  const startupTimeoutMs = options.startupTimeoutMs;
  const intervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  // Headers, placeholders and hook order are checked here, once, so a mistake is exit 2 before any cell runs.
  const plan = planGateway(options);
  const target: Target = {
    label: options.command,
    mode: 'gateway',
    endpoint: 'mock',
    facts: { downstreamEra: options.downstreamEra ?? 'legacy' },
    ...(sharesState(options) ? { maxJobs: 1 } : {}),
    excludes: (scenario, transport, era) => {
      if (options.downstream === 'stdio' && scenario.notWithStdioDownstream) return scenario.notWithStdioDownstream;
      if (scenario.needsUsers !== undefined && !options.alsoDownstream?.length) return scenario.needsUsers;
      return scenarioExcludes(target, scenario, transport, era) ?? configExcludes(options.configTemplate, transport);
    },
    prepare: (scenario) => {
      // Every upstream name carries a per-cell token, so the probe recognises them behind a gateway's renaming.
      const token = newToken();
      return { scenario: tokenize(scenario, token, ops), token };
    },
    start: async ({ endpoint, journal, signal, token = newToken() }): Promise<RunningTarget> => {
      const gateway = await launchGateway({ gateway: options, plan, endpoint, journal, token });
      const stack = new DisposalStack();
      stack.defer(() => gateway.handle.dispose());
      stack.defer(() => gateway.teardown());
      let observers = { stop: (): void => undefined, polling: () => false };
      if (intervalMs > 0) {
        observers = startObservers({ probe: gateway.probe, journal, token, intervalMs, catalog: () => gateway.catalog() });
      }
      const stopObservers = () => observers.stop();
      stack.defer(stopObservers);
      const polling = () => observers.polling();
      const probe = probeControl(gateway, { journal, signal, probeCall: options.probeCall ?? true, polling });
      return {
        exited: gateway.handle.exited,
        get hasExited() {
          return gateway.handle.hasExited;
        },
        tail: () => gateway.redact(gateway.handle.tail()),
        probe,
        ready: async (_timeoutMs, stepSignal) => {
          const begun = performance.now();
          const connected = await probe.connect(startupTimeoutMs, stepSignal);
          if (connected.halt) return connected;
          const left = Math.max(0, startupTimeoutMs - (performance.now() - begun));
          await connectUsers(gateway, { probeCall: options.probeCall ?? true, timeoutMs: left, signal: stepSignal });
          const upstream = await journal.waitFor((e) => e.kind === 'session-initialized', { timeoutMs: UPSTREAM_SESSION_WAIT_MS, signal: stepSignal });
          return { detail: upstream ? 'probe connected, gateway connected upstream' : 'probe connected, no upstream session yet' };
        },
        finish: async (cellSignal) => {
          stopObservers();
          if (!cellSignal.aborted) await finalView(gateway, journal, token);
        },
        [Symbol.asyncDispose]: () => stack[Symbol.asyncDispose](),
      };
    },
  };
  return target;
}
