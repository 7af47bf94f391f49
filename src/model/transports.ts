import { type Era, ERAS, type TransportKind } from './words.js';

/**
 * What one MCP transport is, as the harness needs to know it: every place that would ask "is this stdio?" asks its
 * record instead. The constructors live with their layer, in tables keyed by the same names (the mock's bindings in
 * mock-server/transports, the probe's clients in targets/probe).
 */
export interface TransportRecord {
  name: TransportKind;
  /** The eras it carries: legacy HTTP+SSE predates 2026-07-28. */
  eras: readonly Era[];
  /** How a target reaches the mock: a command line it starts (`{server}`) or a URL (`{url}`). */
  addressedBy: 'command' | 'url';
  /** One session per server process (stdio), or many at one address. */
  sessions: 'one' | 'many';
  /**
   * A client may leave the channel for unasked messages closed (Streamable HTTP's standalone GET stream): a server
   * cannot reach it unasked, and a client that wants notifications must open it.
   */
  optionalStream: boolean;
  /** Its streams carry event ids a client resumes from with Last-Event-ID (an event store). */
  resumable: boolean;
  /** How the harness ends the upstream side at a teardown: the process exits, the stream drops, the session ends. */
  teardown: 'exit-process' | 'drop-stream' | 'terminate-session';
  /**
   * The keyword 2026-07-28 gives, on this transport's page, the rule that a client's fallback to `initialize` must not
   * be keyed to one error code (the stdio page says MUST NOT; Streamable HTTP's states it without one).
   */
  fallbackKeyword: 'MUST NOT' | 'none';
}

export const TRANSPORTS: Readonly<Record<TransportKind, TransportRecord>> = {
  stdio: {
    name: 'stdio', eras: ERAS, addressedBy: 'command', sessions: 'one', optionalStream: false, resumable: false,
    teardown: 'exit-process', fallbackKeyword: 'MUST NOT',
  },
  sse: {
    name: 'sse', eras: ['legacy'], addressedBy: 'url', sessions: 'many', optionalStream: false, resumable: false,
    teardown: 'drop-stream', fallbackKeyword: 'none',
  },
  http: {
    name: 'http', eras: ERAS, addressedBy: 'url', sessions: 'many', optionalStream: true, resumable: true,
    teardown: 'terminate-session', fallbackKeyword: 'none',
  },
};

/** A transport's record. */
export const transportOf = (name: TransportKind): TransportRecord => TRANSPORTS[name];

/** The eras a transport can carry. */
export const erasOf = (transport: TransportKind): readonly Era[] => TRANSPORTS[transport].eras;
