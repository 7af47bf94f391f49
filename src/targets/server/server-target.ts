import '../../dispose.js';
import { DisposalStack } from '../../dispose.js';
import { errorMessage, HarnessError } from '../../errors.js';
import type { TransportKind } from '../../model/words.js';
import { transportOf } from '../../model/transports.js';
import { pause, type Outcome } from '../../steps/op.js';
import type { Journal } from '../../trace/journal.js';
import { placeholderValues, renderTemplate } from '../command.js';
import { serverControl } from './server-control.js';
import { type ServerOptions, serverTransport } from './server-options.js';
import { freePort } from '../process/free-port.js';
import { type ProcessHandle, spawnTarget } from '../process/process.js';
import { Probe } from '../probe/probe.js';
import { ResumeProbe } from './resume-probe.js';
import { stopServer } from './server-stop.js';
import { StreamProbe } from './stream-probe.js';
import type { ProbeConnection } from '../probe/probe-transport.js';
import { scenarioExcludes, type RunningTarget, type Target } from '../target.js';

/** How long a server may take to accept its first session, unless told otherwise. */
export const DEFAULT_SERVER_STARTUP_MS = 20_000;
/** What a connect fails with while an HTTP server is not listening yet (the only failure worth another try). */
const NOT_LISTENING_YET = /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|other side closed/i;
/** Between attempts to connect a probe while the server starts. */
const CONNECT_RETRY_MS = 100;

/**
 * The probe sessions of one cell: stdio serves one session per process (A); over HTTP three sessions connect (A, B, C),
 * and on Streamable HTTP C opens no standalone GET stream, so a server cannot reach it unasked, by design.
 */
function probeLabels(transport: TransportKind): { label: string; standalone: boolean }[] {
  const record = transportOf(transport);
  if (record.sessions === 'one') return [{ label: 'A', standalone: true }];
  return [{ label: 'A', standalone: true }, { label: 'B', standalone: true }, { label: 'C', standalone: !record.optionalStream }];
}

/** A server under test: the harness starts it (or reaches it) and connects as several clients at once. */
export function serverTarget(options: ServerOptions): Target {
  const transport = serverTransport(options.url);
  // A server reached by the command the harness starts (stdio), not by a URL: one session, over its pipes.
  const byCommand = transportOf(transport).addressedBy === 'command';
  const target: Target = {
    label: options.command ?? options.url ?? '',
    mode: 'server',
    endpoint: 'own',
    facts: {},
    excludes: (scenario, cellTransport, era) => {
      if (cellTransport !== transport) return `the server under test speaks ${transport}${options.url ? ` (${options.url})` : ''}`;
      return scenarioExcludes(target, scenario, cellTransport, era);
    },
    prepare: (scenario) => ({ scenario }),
    start: async ({ endpoint, journal }): Promise<RunningTarget> => {
      const stack = new DisposalStack();
      const port = String(await freePort());
      const values: Record<string, string> = { ...placeholderValues(endpoint), port };
      let handle: ProcessHandle | undefined;
      if (options.command) {
        const started = spawnTarget({
          command: renderTemplate(options.command, values, { shell: true }),
          rendered: true,
          endpoint,
          journal,
          mcpOverStdio: byCommand,
          ...(options.env ? { env: options.env } : {}),
          ...(options.cwd ? { cwd: options.cwd } : {}),
        });
        handle = started;
        values.pid = String(started.child.pid ?? '');
        stack.defer(() => started.dispose());
      }
      const url = options.url === undefined ? undefined : renderTemplate(options.url, values, { shell: false });
      const probes = new Map<string, Probe>();
      for (const { label, standalone } of probeLabels(transport)) {
        const connection = (): ProbeConnection => {
          if (byCommand) {
            if (!handle) throw new HarnessError('BAD_OPTION', 'a stdio server needs --server <command>');
            return { downstream: { kind: 'stdio', child: handle.child }, headers: {} };
          }
          // Not reached by command: a URL transport.
          return { downstream: { kind: transport, url: url ?? '' }, headers: {}, standalone };
        };
        probes.set(label, new Probe(journal, '', connection, (text) => text, { era: endpoint.era === 'auto' ? 'legacy' : endpoint.era, label }));
      }
      stack.defer(async () => {
        for (const probe of probes.values()) await probe.disconnect('cell ended');
      });
      let resumer: ResumeProbe | undefined;
      let streamer: StreamProbe | undefined;
      // The sessions that can see a stop: those with a channel for unasked messages.
      const listening = () => probeLabels(transport)
        .filter(({ label, standalone }) => standalone && probes.get(label)?.connected)
        .map(({ label }) => label);
      const server = serverControl(options, probes, journal, () => values, {
        resumer: () => {
          if (!transportOf(transport).resumable || url === undefined) return undefined;
          resumer ??= new ResumeProbe(journal, url);
          return resumer;
        },
        streamer: () => {
          if (!transportOf(transport).resumable || url === undefined) return undefined;
          streamer ??= new StreamProbe(journal, url);
          return streamer;
        },
        stop: stopServer(handle, journal, listening),
      });
      stack.defer(() => resumer?.close());
      stack.defer(() => streamer?.close());
      const never = new Promise<never>(() => undefined);
      return {
        exited: handle?.exited ?? never,
        get hasExited() {
          return handle?.hasExited ?? false;
        },
        tail: () => handle?.tail() ?? '',
        server,
        // Over HTTP the server may not be listening yet; over stdio the pipe is there from the start, and a failure is final.
        ready: (_timeoutMs, signal) => connectAll(probes, options.startupTimeoutMs, signal, journal, !byCommand),
        finish: async (signal) => {
          if (signal.aborted) return;
          for (const probe of probes.values()) await probe.listAll('final');
        },
        [Symbol.asyncDispose]: () => stack[Symbol.asyncDispose](),
      };
    },
  };
  return target;
}

/** An error's message with those of its causes (fetch hides the network error in its cause). */
function causes(error: unknown): string {
  const parts: string[] = [];
  for (let at: unknown = error; at instanceof Error && parts.length < 5; at = at.cause) parts.push(at.message, (at as { code?: string }).code ?? '');
  return parts.join(' ');
}

/** Connects every probe (retrying while the server starts, bounded), then lists everything once per probe. */
async function connectAll(
  probes: Map<string, Probe>,
  timeoutMs: number,
  signal: AbortSignal,
  journal: Journal,
  retriable: boolean,
): Promise<Outcome> {
  const deadline = performance.now() + timeoutMs;
  // Every session connects at once (a server may take a second per initialize), each retrying while the server starts.
  const connectOne = async (label: string, probe: Probe): Promise<Outcome | undefined> => {
    for (;;) {
      try {
        await probe.connect();
        return undefined;
      } catch (error) {
        if (error instanceof HarnessError) throw error;
        if (signal.aborted) return { detail: 'not ready: the server ended before every probe connected', halt: true };
        // Only "nobody is listening yet" is worth another try: an answer that refuses the session will not change.
        const starting = retriable && NOT_LISTENING_YET.test(causes(error));
        if (!starting || performance.now() > deadline) {
          const why = starting
            ? `the server did not accept session ${label} within ${timeoutMs} ms: ${errorMessage(error)}`
            : `the server refused session ${label}: ${errorMessage(error)}`;
          journal.append({ kind: 'probe-error', message: why, probe: label });
          return { detail: `not ready: ${why}`, halt: true };
        }
        await pause(CONNECT_RETRY_MS, signal);
      }
    }
  };
  const outcomes = await Promise.all([...probes].map(([label, probe]) => connectOne(label, probe)));
  const failed = outcomes.find((outcome) => outcome !== undefined);
  if (failed) return failed;
  for (const probe of probes.values()) await probe.listAll('initial');
  return { detail: `${probes.size} session(s) connected` };
}
