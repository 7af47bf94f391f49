import { HarnessError } from '../errors.js';
import type { Step } from '../scenarios/steps.js';
import type { Probe } from '../targets/probe.js';
import type { TraceEvent, TransportKind } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import type { MockServer } from '../mock-server/mock-server.js';
import { waitForEvent } from './wait.js';

export interface GatewayStepContext {
  mock: MockServer;
  journal: Journal;
  transport: TransportKind;
  signal: AbortSignal;
  probe?: Probe;
  /** Called after the probe's first successful connect, before it lists (the --setup hook). */
  gatewayUp?: () => Promise<void>;
}

/** Connects the probe, retrying while the gateway is still starting, then lists everything. */
export async function connectProbe(ctx: GatewayStepContext, timeoutMs: number): Promise<string> {
  const probe = ctx.probe;
  if (!probe) throw new HarnessError('NOT_GATEWAY', 'probe steps need gateway mode (--gateway)');
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      await probe.connect();
      await ctx.gatewayUp?.();
      await probe.listAll('initial');
      return `connected`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
      if (ctx.signal.aborted) return 'target gone';
      if (Date.now() > deadline) {
        throw new HarnessError('GATEWAY_NOT_READY', `the gateway's downstream side did not accept an MCP session within ${timeoutMs} ms: ${last}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Runs the gateway-only steps; returns undefined for steps it does not own. */
export async function runGatewayStep(ctx: GatewayStepContext, step: Step): Promise<string | undefined> {
  switch (step.op) {
    case 'probe-connect':
      return connectProbe(ctx, step.timeoutMs);
    case 'probe-disconnect':
      await ctx.probe?.disconnect('scenario step');
      return 'disconnected';
    case 'probe-list':
      await ctx.probe?.listAll('step');
      return 'listed';
    case 'await-downstream': {
      const upstream = ctx.journal.ofKind('notification').filter((event) => event.delivered).at(-1);
      if (!upstream) return 'nothing reached the gateway';
      const wait = (fromSeq: number, predicate: (event: TraceEvent) => boolean) =>
        waitForEvent(ctx.journal, ctx.signal, predicate, { timeoutMs: step.timeoutMs, fromSeq });
      const relayed = await wait(upstream.seq, (event) => event.kind === 'probe-notification');
      if (!relayed) return 'no downstream notification';
      // Give the probe's own re-list (started on that notification) time to come back.
      await wait(relayed.seq, (event) => event.kind === 'probe-list' || event.kind === 'probe-error');
      return 'relayed';
    }
    case 'teardown': {
      if (ctx.transport === 'stdio') return `stdio exited: ${ctx.mock.exitProcess(1).length}`;
      if (ctx.transport === 'sse') return `sse streams dropped: ${ctx.mock.dropStream().length}`;
      return `http sessions terminated: ${ctx.mock.terminateSession().length}`;
    }
    default:
      return undefined;
  }
}
