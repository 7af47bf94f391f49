import { z } from 'zod';
import { type Era, ERAS } from './eras/all-eras.js';
import { Registry } from './registry.js';

/**
 * What one MCP transport is, as the harness needs to know it: every place that would ask "is this stdio?" asks its
 * record instead. The constructors live with their layer, in tables keyed by the same names (the mock's bindings in
 * mock-server/transports, the probe's clients in targets/probe). MCP's three are registered here; another is one
 * more record, registered with `registerTransport`, beside its binding (`registerBinding`) and its probe client
 * (`registerProbeClient`).
 */
export interface TransportRecord {
  name: string;
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
  /**
   * The URL scheme of a transport reached by a URL of its own (`tcp:`): a server URL with it names the transport. MCP's
   * HTTP transports share http(s) and are told apart by the path (`…/sse` is legacy HTTP+SSE).
   */
  scheme?: string;
}

/** The name of a registered transport (`stdio`, `sse`, `http`, or one added with `registerTransport`). */
export type TransportKind = string;

const RECORDS = new Registry<TransportRecord>('transport');

/** Every registered transport, in the order registered (MCP's three first). The list is live: it grows with `registerTransport`. */
export const TRANSPORT_NAMES: readonly TransportKind[] = RECORDS.names;

/**
 * Adds a transport: from then on options, plans, traces and checks know it by its record, and a scenario that names no
 * transports plays on it. The mock serves it once its binding is registered, the probe speaks it once its client is.
 */
export function registerTransport(record: TransportRecord): void {
  RECORDS.add(record);
}

registerTransport({
  name: 'stdio', eras: ERAS, addressedBy: 'command', sessions: 'one', optionalStream: false, resumable: false,
  teardown: 'exit-process', fallbackKeyword: 'MUST NOT',
});
registerTransport({
  name: 'sse', eras: ['legacy'], addressedBy: 'url', sessions: 'many', optionalStream: false, resumable: false,
  teardown: 'drop-stream', fallbackKeyword: 'none',
});
registerTransport({
  name: 'http', eras: ERAS, addressedBy: 'url', sessions: 'many', optionalStream: true, resumable: true,
  teardown: 'terminate-session', fallbackKeyword: 'none',
});

/** A registered transport's name. Its JSON Schema lists MCP's three. */
export const TransportKindSchema = z.string()
  .refine((name) => RECORDS.has(name), { error: (issue) => RECORDS.unknown(issue.input) })
  .meta({ enum: [...TRANSPORT_NAMES] });

/** A transport's record. */
export const transportOf = (name: TransportKind): TransportRecord => RECORDS.get(name);

/** The transport whose own URL scheme `url` has (`tcp://…` → a registered `tcp`), if one claims it. */
export function transportOfScheme(url: string): TransportKind | undefined {
  return TRANSPORT_NAMES.find((name) => {
    const { scheme } = RECORDS.get(name);
    return scheme !== undefined && url.startsWith(`${scheme}//`);
  });
}

/** The eras a transport can carry. */
export const erasOf = (transport: TransportKind): readonly Era[] => transportOf(transport).eras;
