// Server mode: how the harness changes the server under test (a tool call through a session, or a command outside any
// request), and the staged steps built on that (a storm, a resumed GET stream, a session whose streams are read raw,
// another listen).
import { execFile } from 'node:child_process';
import { errorMessage } from '../../errors.js';
import { type Outcome, pause, type StepServer } from '../../steps/op.js';
import type { Journal } from '../../trace/journal.js';
import { renderTemplate } from '../command.js';
import type { Probe } from '../probe/probe.js';
import type { ResumeProbe } from './resume-probe.js';
import type { StreamProbe } from './stream-probe.js';
import type { EventOf, TraceEvent } from '../../trace/events.js';
import type { ServerOptions } from './server-options.js';

/** A `--change-cmd` that takes longer than this is broken. */
export const CHANGE_COMMAND_TIMEOUT_MS = 30_000;
/** How long server-resume waits for each notification on R's stream. */
const RESUME_WAIT_MS = 1_500;
/** Between dropping R's stream and changing the server. */
const DROP_SETTLE_MS = 100;
/** How long session S waits for its GET stream to be answered, and then for the change to be announced. */
const STREAM_WAIT_MS = 1_500;

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

/** The sessions whose streams the harness reads raw (Streamable HTTP only: undefined elsewhere), and how it stops the server. */
export interface RawControl {
  resumer: () => ResumeProbe | undefined;
  streamer: () => StreamProbe | undefined;
  stop: StepServer['stop'];
}

/**
 * What the steps of a server cell may ask of the server: changes (one, or a burst), a resumed GET stream, a session
 * whose streams are read raw, a re-list, another listen, a stop.
 */
export function serverControl(
  options: ServerOptions,
  probes: Map<string, Probe>,
  journal: Journal,
  values: () => Record<string, string>,
  { resumer, streamer, stop }: RawControl,
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
    streams: async (signal) => {
      const probe = streamer();
      if (!probe) return { detail: 'a session\'s several streams exist only on Streamable HTTP' };
      try {
        await probe.connect();
      } catch (error) {
        journal.append({ kind: 'probe-error', probe: probe.label, message: `session ${probe.label} could not connect: ${errorMessage(error)}` });
        return { detail: `session ${probe.label} could not connect` };
      }
      const onS = (event: TraceEvent): event is EventOf<'probe-sse'> => event.kind === 'probe-sse' && event.probe === probe.label;
      // The client opens its GET stream once initialized: wait for the server's answer to it.
      const get = await journal.waitFor((event) => onS(event) && event.via === 'GET', { timeoutMs: STREAM_WAIT_MS, signal });
      const from = journal.size;
      const caller = { label: probe.label, callTool: probe.callTool.bind(probe) };
      const change = await once('tool', caller);
      if (!change.ok) return { detail: change.detail };
      // The announcement the GET stream is owed (any stream, when there is none); a copy on the call's own stream came before its answer.
      const live = get !== undefined && onS(get) && get.state === 'opened';
      await journal.waitFor(
        (event) => onS(event) && Boolean(event.method?.endsWith('/list_changed')) && (!live || event.via === 'GET'),
        { fromSeq: from, timeoutMs: STREAM_WAIT_MS, signal },
      );
      return { detail: `${probe.label} called ${options.changeTool ?? ''} with its GET stream ${live ? 'open' : 'refused'}` };
    },
    stop,
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
