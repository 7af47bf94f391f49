import { errorMessage } from '../../errors.js';
import type { EventBody } from '../../trace/events.js';
import type { Journal } from '../../trace/journal.js';
import { type Downstream, type ProbeConnection, type Refusal, refusalError } from './probe-transport.js';
import { connectSession, type ProbeSession } from './probe-session.js';
import { CHANGED_METHOD, type Era, keyThroughToken, type ListKind, PROBE_MARKER } from '../../model/words.js';

export type { Downstream } from './probe-transport.js';

type ProbeEventBody = Extract<EventBody, { kind: `probe-${string}` }>;

/** Why the probe lists: at connect, a second time to learn how the gateway routes lists, on a notification, … */
export type ListReason = 'initial' | 'calibrate' | 'notification' | 'poll' | 'final' | 'step';

/** How a probe speaks and what it calls itself in the journal. */
export interface ProbeOptions {
  /** The protocol era it speaks (default legacy). */
  era?: Era;
  /** Server mode: its name in every event it journals (A, B, C), one probe per session. */
  label?: string;
}

/**
 * The harness's downstream client in gateway mode (and each session's client in server mode): it journals what the
 * gateway's users see — relayed or emitted list_changed notifications and the gateway's lists — re-listing at once on
 * every notification. It speaks the 2025 revisions (initialize; notifications on the session) or 2026-07-28 (a listen
 * stream it re-opens when it ends).
 */
export class Probe {
  private session: ProbeSession | undefined;
  private attempts = 0;
  private requests = 0;
  private readonly connection: () => ProbeConnection;

  /**
   * `connection` is a fixed downstream, or a function asked at each connect (the gateway target renders the URL and
   * headers after its setup hook); `redact` masks header values in whatever the probe journals.
   */
  constructor(
    private readonly journal: Journal,
    private readonly token: string,
    connection: Downstream | (() => ProbeConnection),
    private readonly redact: (text: string) => string = (text) => text,
    private readonly options: ProbeOptions = {},
  ) {
    this.connection = typeof connection === 'function' ? connection : () => ({ downstream: connection, headers: {} });
  }

  /** Journals a probe event, named by this probe's label in server mode. */
  private note(body: ProbeEventBody): void {
    this.journal.append(this.options.label === undefined ? body : { ...body, probe: this.options.label });
  }

  get connected(): boolean {
    return this.session !== undefined;
  }

  /**
   * Connects once (initialize, or server/discover and a listen stream); throws when the gateway does not answer, and
   * throws a HarnessError at once when it refused the probe (401/403): more attempts would not change that.
   */
  async connect(): Promise<void> {
    this.attempts += 1;
    const connection = this.connection();
    let refusal: Refusal | undefined;
    let session: ProbeSession | undefined;
    try {
      session = await connectSession(this.options.era ?? 'legacy', connection, {
        changed: (list, subscription) => {
          this.note({ kind: 'probe-notification', method: CHANGED_METHOD[list], ...(subscription === undefined ? {} : { subscription }) });
          void this.list(list, 'notification');
        },
        acknowledged: ({ subscription, requested, honored }) => {
          const detail = `listen ${subscription === undefined ? '(no subscriptionId)' : JSON.stringify(subscription)} honours ${honored.join(',') || 'nothing'}`;
          this.note({
            kind: 'probe-listen', state: 'acknowledged', detail, honored,
            ...(subscription === undefined ? {} : { subscription }), ...(requested ? { requested } : {}),
          });
        },
        teardown: ({ how, requestId, subscription, requested, reason }) => {
          const target = requestId === undefined ? 'no request id' : `request ${JSON.stringify(requestId)}`;
          const detail = how === 'cancelled' ? `notifications/cancelled for ${target}${reason ? `: ${reason}` : ''}` : `result for listen ${target}`;
          this.note({
            kind: 'probe-listen', state: how, detail: this.redact(detail),
            ...(requestId === undefined ? {} : { requestId }), ...(subscription === undefined ? {} : { subscription }),
            ...(requested ? { requested } : {}),
          });
        },
        page: ({ list, error, ...hints }) => this.note({ kind: 'probe-page', list, ...hints, ...(error ? { error: this.redact(error) } : {}) }),
        closed: () => {
          if (!session || this.session !== session) return;
          this.session = undefined;
          this.note({ kind: 'probe-disconnected', reason: 'closed by the gateway' });
        },
        listen: (state, detail) => {
          this.note({ kind: 'probe-listen', state, detail: this.redact(detail) });
          // Nothing is replayed in this era: what changed while no stream was open is only seen by listing again.
          if (state === 'reopened') void this.listAll('poll');
        },
        refused: (seen) => (refusal = seen),
      });
    } catch (error) {
      if (refusal) throw refusalError(refusal, Object.keys(connection.headers), this.redact);
      throw new Error(this.redact(errorMessage(error)), { cause: error });
    }
    this.session = session;
    this.note({
      kind: 'probe-connected',
      attempt: this.attempts,
      announces: [...session.announced],
      ...(connection.standalone === false ? { standalone: false } : {}),
    });
  }

  /** Journals why this probe stopped trying (it never connected, say), under its label. */
  gaveUp(why: string): void {
    this.note({ kind: 'probe-error', message: this.redact(why) });
  }

  /** Lists every list the gateway offers, journaling each. */
  async listAll(reason: Exclude<ListReason, 'notification'>): Promise<void> {
    for (const list of this.session?.lists ?? []) await this.list(list, reason);
  }

  /** Reads one whole list (following pages) and journals what the gateway showed. */
  async list(list: ListKind, reason: ListReason): Promise<void> {
    const session = this.session;
    if (!session) return;
    const requestedT = this.journal.clock.now() - this.journal.origin;
    this.requests += 1;
    try {
      // The marker proves, upstream, which lists were this probe's passed through (see PROBE_MARKER).
      const names = await this.readAll(session, list, { [PROBE_MARKER]: `${this.options.label ? `${this.options.label}-` : ''}${reason}-${this.requests}` });
      // Server mode has no token: the server's names are its keys.
      const known = (key: string | undefined): key is string => key !== undefined;
      const keys = this.token ? names.map((name) => keyThroughToken(name, this.token)).filter(known) : names;
      this.note({ kind: 'probe-list', list, reason, requestedT: Math.round(requestedT * 1000) / 1000, names, keys });
    } catch (error) {
      this.note({ kind: 'probe-error', list, message: this.redact(`${list} list failed: ${errorMessage(error)}`) });
    }
  }

  /** Every page of a list: the names (resources by URI). */
  private async readAll(session: ProbeSession, list: ListKind, meta: Record<string, unknown> = {}): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await session.page(list, cursor, meta);
      names.push(...page.items.map((item) => item.uri ?? item.name ?? ''));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return names;
  }

  /**
   * Calls the first upstream tool (recognised by the token) through the gateway: a lazy gateway opens its upstream
   * session only when a user calls a tool, and keeps it for that user. Journaled either way; never throws.
   */
  async callUpstreamTool(): Promise<void> {
    const session = this.session;
    if (!session) return;
    let tool: string | undefined;
    try {
      tool = (await this.readAll(session, 'tools')).find((name) => keyThroughToken(name, this.token) !== undefined);
    } catch (error) {
      this.note({ kind: 'probe-call', tool: '', ok: false, message: this.redact(errorMessage(error)) });
      return;
    }
    if (!tool) {
      this.note({ kind: 'probe-call', tool: '', ok: false, message: 'the gateway shows no upstream tool to call' });
      return;
    }
    await this.callTool(tool, { text: 'mcp-notify-check probe' });
  }

  /** 2026-07-28 (server mode): opens one more listen stream, for `lists` only; never throws (a failure is journaled). */
  async listen(lists: readonly ListKind[]): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      await session.listen(lists);
    } catch (error) {
      this.note({ kind: 'probe-listen', state: 'ended', detail: this.redact(`listen for ${lists.join(',')} failed: ${errorMessage(error)}`) });
    }
  }

  /** Calls a tool by its name (server mode: the change tool); journaled, never throws. */
  async callTool(name: string, args: Record<string, unknown>): Promise<{ ok: boolean; message?: string }> {
    const session = this.session;
    if (!session) return { ok: false, message: 'not connected' };
    try {
      const result = await session.callTool(name, args);
      const ok = result.isError !== true;
      this.note({ kind: 'probe-call', tool: name, ok });
      return { ok };
    } catch (error) {
      const message = this.redact(errorMessage(error));
      this.note({ kind: 'probe-call', tool: name, ok: false, message });
      return { ok: false, message };
    }
  }

  async disconnect(reason: string): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    this.note({ kind: 'probe-disconnected', reason });
    await session.close();
  }
}
