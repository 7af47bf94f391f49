import { execFile } from 'node:child_process';
import '../dispose.js';
import { DisposalStack } from '../dispose.js';
import { errorMessage, HarnessError } from '../errors.js';
import type { TransportKind } from '../model/words.js';
import { pause, type Outcome, type StepServer } from '../steps/op.js';
import type { Journal } from '../trace/journal.js';
import { placeholderValues, renderTemplate } from './command.js';
import { freePort } from './gateway-launch.js';
import { type ProcessHandle, spawnTarget } from './process.js';
import { Probe } from './probe.js';
import { ResumeProbe } from './resume-probe.js';
import type { ProbeConnection } from './probe-transport.js';
import { scenarioExcludes, type RunningTarget, type Target } from './target.js';

/** How long a server may take to accept its first session, unless told otherwise. */
export const DEFAULT_SERVER_STARTUP_MS = 20_000;
/** A `--change-cmd` that takes longer than this is broken. */
export const CHANGE_COMMAND_TIMEOUT_MS = 30_000;
/** How long server-resume waits for each notification on R's stream. */
const RESUME_WAIT_MS = 1_500;
/** Between dropping R's stream and changing the server. */
const DROP_SETTLE_MS = 100;
/** What a connect fails with while an HTTP server is not listening yet (the only failure worth another try). */
const NOT_LISTENING_YET = /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|other side closed/i;
/** Between attempts to connect a probe while the server starts. */
const CONNECT_RETRY_MS = 100;

/** How the harness runs (or reaches) a server, and how it makes the server change. */
export interface ServerOptions {
  /** The server command (placeholders {port}); absent: a server already running at `url`. */
  command?: string;
  /** The server's MCP endpoint for sse/http (may use {port}); absent: the server speaks stdio. */
  url?: string;
  /** A tool whose call changes the server's catalogue, called through probe A. */
  changeTool?: string;
  changeArgs?: Record<string, unknown>;
  /** A shell command that changes the server from outside any request (placeholders {port}, {pid}). */
  changeCmd?: string;
  startupTimeoutMs: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** The transport a server speaks: stdio without a URL; legacy HTTP+SSE when the URL's path ends in /sse. */
export function serverTransport(url: string | undefined): TransportKind {
  if (url === undefined) return 'stdio';
  return /\/sse\/?$/.test(new URL(url.replace(/\{[\w-]+\}/g, '0')).pathname) ? 'sse' : 'http';
}

/**
 * The probe sessions of one cell: stdio serves one session per process (A); over HTTP three sessions connect (A, B, C),
 * and on Streamable HTTP C opens no standalone GET stream, so a server cannot reach it unasked, by design.
 */
function probeLabels(transport: TransportKind): { label: string; standalone: boolean }[] {
  if (transport === 'stdio') return [{ label: 'A', standalone: true }];
  return [{ label: 'A', standalone: true }, { label: 'B', standalone: true }, { label: 'C', standalone: transport !== 'http' }];
}

/** Runs a `--change-cmd`; resolves with what happened, never throws (a failed change is the cell's evidence). */
function runChangeCommand(command: string, env: Record<string, string | undefined>): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { timeout: CHANGE_COMMAND_TIMEOUT_MS, env }, (error, _stdout, stderr) => {
      if (!error) return resolve({ ok: true, detail: `ran ${command}` });
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      resolve({ ok: false, detail: `${command} failed: ${errorMessage(error)}${tail ? `: ${tail}` : ''}` });
    });
  });
}

/** The server's probes, connected (retrying while it starts) and listed; the change the scenario asks for. */
function serverControl(
  options: ServerOptions,
  probes: Map<string, Probe>,
  journal: Journal,
  values: () => Record<string, string>,
  resumer: () => ResumeProbe | undefined,
): StepServer {
  /** One change: by `caller`'s call of the change tool (probe A unless another session is named), or by the command. */
  const once = async (via: 'tool' | 'command', caller?: { label: string; callTool: Probe['callTool'] }): Promise<{ ok: boolean; detail: string }> => {
    const requestedT = journal.clock.now() - journal.origin;
    const record = (ok: boolean, detail: string, probe?: string) => {
      journal.append({ kind: 'server-change', via, requestedT, ok, detail, ...(probe ? { probe } : {}) });
      return { ok, detail };
    };
    if (via === 'command') {
      if (!options.changeCmd) return record(false, 'no --change-cmd was given');
      const command = renderTemplate(options.changeCmd, values(), { shell: true });
      const ran = await runChangeCommand(command, { ...(options.env ?? process.env), MCP_NOTIFY_CHECK_PORT: values().port });
      return record(ran.ok, ran.detail);
    }
    if (!options.changeTool) return record(false, 'no --change-tool was given');
    const probe = caller ?? probes.get('A');
    const label = caller?.label ?? 'A';
    if (!probe || (!caller && !probes.get('A')?.connected)) return record(false, 'probe A is not connected', label);
    const called = await probe.callTool(options.changeTool, options.changeArgs ?? {});
    return record(called.ok, called.ok ? `called ${options.changeTool}` : `${options.changeTool} failed: ${called.message}`, label);
  };
  return {
    change: async (via, times): Promise<Outcome> => {
      let last = { ok: true, detail: '' };
      for (let made = 0; made < times; made += 1) {
        last = await once(via);
        if (!last.ok) return { detail: times > 1 ? `change ${made + 1} of ${times}: ${last.detail}` : last.detail };
      }
      return { detail: times > 1 ? `${times} changes: ${last.detail}` : last.detail };
    },
    resume: async (signal) => {
      const probe = resumer();
      if (!probe) return { detail: 'resumption exists only on Streamable HTTP' };
      try {
        await probe.connect();
      } catch (error) {
        journal.append({ kind: 'probe-error', probe: 'R', message: `session R could not connect: ${errorMessage(error)}` });
        return { detail: 'session R could not connect' };
      }
      const told = (fromSeq: number, timeoutMs: number) => journal.waitFor(
        (event) => event.kind === 'probe-stream' && event.state === 'message' && Boolean(event.method?.endsWith('/list_changed')),
        { fromSeq, timeoutMs, signal },
      );
      // A change while R's stream is up: its event id is where a resume starts from.
      if (!(await probe.open(false, signal))) return { detail: 'R\'s GET stream was refused' };
      // R makes every change itself: a change scoped to the session that makes it (per-session state) still reaches it.
      const caller = { label: 'R', callTool: (name: string, args: Record<string, unknown>) => probe.callTool(name, args) };
      let from = journal.size;
      if (!(await once('tool', caller)).ok) return { detail: 'the change tool failed' };
      await told(from, RESUME_WAIT_MS);
      probe.drop();
      // The server learns of the drop within a millisecond on loopback; a resume it answers 409 is tried again anyway.
      await pause(DROP_SETTLE_MS, signal);
      await once('tool', caller);
      from = journal.size;
      if (!(await probe.open(true, signal))) return { detail: 'the resume was refused' };
      await told(from, RESUME_WAIT_MS);
      // And the resumed stream is the live one now: a later change reaches it.
      from = journal.size;
      await once('tool', caller);
      await told(from, RESUME_WAIT_MS);
      return { detail: `R resumed from ${probe.lastEventId ?? 'no event id'}` };
    },
    relist: async (label) => {
      await probes.get(label)?.listAll('step');
    },
    listen: async (lists) => {
      const probe = probes.get('A');
      if (!probe?.connected) return { detail: 'probe A is not connected' };
      await probe.listen(lists);
      return { detail: `A listens for ${lists.join(', ')} too` };
    },
  };
}

/** A server under test: the harness starts it (or reaches it) and connects as several clients at once. */
export function serverTarget(options: ServerOptions): Target {
  const transport = serverTransport(options.url);
  const target: Target = {
    label: options.command ?? options.url ?? '',
    mode: 'server',
    ownsEndpoint: true,
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
          mcpOverStdio: transport === 'stdio',
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
          if (transport === 'stdio') {
            if (!handle) throw new HarnessError('BAD_OPTION', 'a stdio server needs --server <command>');
            return { downstream: { kind: 'stdio', child: handle.child }, headers: {} };
          }
          return { downstream: { kind: transport, url: url ?? '' }, headers: {}, standalone };
        };
        probes.set(label, new Probe(journal, '', connection, (text) => text, { era: endpoint.era, label }));
      }
      stack.defer(async () => {
        for (const probe of probes.values()) await probe.disconnect('cell ended');
      });
      let resumer: ResumeProbe | undefined;
      const server = serverControl(options, probes, journal, () => values, () => {
        if (transport !== 'http' || url === undefined) return undefined;
        resumer ??= new ResumeProbe(journal, url);
        return resumer;
      });
      stack.defer(() => resumer?.close());
      const never = new Promise<never>(() => undefined);
      return {
        exited: handle?.exited ?? never,
        get hasExited() {
          return handle?.hasExited ?? false;
        },
        tail: () => handle?.tail() ?? '',
        server,
        // Over HTTP the server may not be listening yet; over stdio the pipe is there from the start, and a failure is final.
        ready: (_timeoutMs, signal) => connectAll(probes, options.startupTimeoutMs, signal, journal, transport !== 'stdio'),
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
