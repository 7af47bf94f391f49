import type { ChildProcess } from 'node:child_process';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { HarnessError } from '../../errors.js';
import type { TransportKind } from '../../model/words.js';
import { ChildStdioTransport } from './child-stdio-transport.js';
import { linkSignal, releasedAtEnd } from './signal-link.js';

/** How the probe reaches its target: the process it started (a transport addressed by command), or a URL. */
export type Downstream = { kind: TransportKind; child: ChildProcess } | { kind: TransportKind; url: string };

/** One transport's client for the probe, made from how to reach the target. */
export type MakeClient<Hooks> = (downstream: Downstream, connection: ProbeConnection, hooks: Hooks) => Transport;

/** The probe's client constructors, one per transport, by the name of its record (model/transports). */
export class ClientTable<Hooks> {
  private readonly makers: Map<TransportKind, MakeClient<Hooks>>;

  /** `probe`: the probe these clients serve, as an error names it (`2025`, `2026-07-28`). */
  constructor(private readonly probe: string, makers: readonly (readonly [TransportKind, MakeClient<Hooks>])[]) {
    this.makers = new Map(makers);
  }

  /** Adds the client of a registered transport. */
  add(kind: TransportKind, make: MakeClient<Hooks>): void {
    if (this.makers.has(kind)) throw new Error(`the ${this.probe} probe has a ${kind} client already`);
    this.makers.set(kind, make);
  }

  /** A client for `connection`, or an error naming the transport it lacks. */
  make(connection: ProbeConnection, hooks: Hooks): Transport {
    const make = this.makers.get(connection.downstream.kind);
    if (!make) throw new Error(`the ${this.probe} probe has no client for the ${connection.downstream.kind} transport`);
    return make(connection.downstream, connection, hooks);
  }
}

/** The process a downstream addressed by command runs in. */
export function childOf(downstream: Downstream): ChildProcess {
  if ('child' in downstream) return downstream.child;
  throw new Error(`the ${downstream.kind} transport is reached by URL, not by a process the probe started`);
}

/** The URL of a downstream addressed by URL. */
export function urlOf(downstream: Downstream): URL {
  if ('url' in downstream) return new URL(downstream.url);
  throw new Error(`the ${downstream.kind} transport is reached through the process the probe started, not by URL`);
}

/** Where and how the probe connects, resolved at each connect (after setup when the URL or a header needs its outputs). */
export interface ProbeConnection {
  downstream: Downstream;
  /** Sent with every HTTP request the probe makes downstream. */
  headers: Record<string, string>;
  /** Streamable HTTP: false to open no standalone GET stream (its GET is answered 405 locally, as a server without one does). */
  standalone?: boolean;
}

/** A 401 or 403 the gateway answered the probe with. */
export interface Refusal {
  status: number;
  /** The tail of the response body. */
  body: string;
}

/** Characters of a refusing response's body quoted in the error: enough for a JSON error object, not a whole page. */
const BODY_TAIL_CHARS = 300;

/**
 * The SDK transport for the probe. Over HTTP every request goes through one fetch that notes a refusal (401/403), so
 * the probe can stop at once instead of retrying until the startup timeout. The headers go in `requestInit`: SDK 1.32.2
 * puts them on every Streamable HTTP request and, for legacy SSE, on the EventSource GET (its fetch builds the headers
 * from `requestInit`) and on each POST.
 */
export function probeTransport(connection: ProbeConnection, onRefusal: (refusal: Refusal) => void): Transport {
  return HANDSHAKE_CLIENTS.make(connection, onRefusal);
}

/** The probe's client per transport in an era whose sessions start with `initialize` (the 2025 revisions'). */
export const HANDSHAKE_CLIENTS = new ClientTable<(refusal: Refusal) => void>('2025', [
  ['stdio', (downstream) => new ChildStdioTransport(childOf(downstream))],
  ['sse', (downstream, { headers }, onRefusal) => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- gateways still serve legacy SSE downstream
    return new SSEClientTransport(urlOf(downstream), { requestInit: { headers }, fetch: watchingFetch(onRefusal) });
  }],
  ['http', (downstream, connection, onRefusal) => new StreamableHTTPClientTransport(urlOf(downstream), {
    requestInit: { headers: connection.headers },
    fetch: watchingFetch(onRefusal, connection.standalone === false),
    reconnectionOptions: {
      initialReconnectionDelay: 200,
      maxReconnectionDelay: 2_000,
      reconnectionDelayGrowFactor: 1.5,
      maxRetries: 5,
    },
  })],
]);

/** The probe's fetch: a signal of its own (see fetchOwnSignal), and every 401/403 reported with its body's tail. */
export function watchingFetch(onRefusal: (refusal: Refusal) => void, noStandalone = false): FetchLike {
  return async (url, init) => {
    // A client that opens no standalone stream: the SDK takes a 405 to its GET as "this server offers none".
    if (noStandalone && (init?.method ?? 'GET') === 'GET') return new Response(null, { status: 405 });
    const response = await fetchOwnSignal(url, init);
    if (response.status === 401 || response.status === 403) {
      const body = await response.clone().text().catch(() => '');
      onRefusal({ status: response.status, body: body.trim().slice(-BODY_TAIL_CHARS) });
    }
    return response;
  };
}

/**
 * fetch with a signal of its own, linked to the caller's only while it can matter: until the headers arrive, and for a
 * GET answered with an event stream (the standalone or SSE stream) for as long as that stream is open, so closing the
 * transport still ends it.
 * The SDK passes one long-lived signal to every request, and Node's fetch keeps a listener on it per request until that
 * request is collected: thousands of lists in a long run would pile them up, and every re-opened stream added one for
 * good (`MaxListenersExceededWarning` after ten). Through `linkSignal` the SDK's signal carries one listener at most. A
 * POST answered with an event stream is unlinked at its headers (it ends with its answer).
 */
export async function fetchOwnSignal(url: string | URL, init?: RequestInit): Promise<Response> {
  const outer = init?.signal;
  if (!outer) return fetch(url, init);
  const link = linkSignal(outer);
  try {
    const response = await fetch(url, { ...init, signal: link.signal });
    const stream = (init.method ?? 'GET') === 'GET' && response.ok && Boolean(response.headers.get('content-type')?.includes('text/event-stream'));
    if (stream) return releasedAtEnd(response, link.release);
    link.release();
    return response;
  } catch (error) {
    link.release();
    throw error;
  }
}

/** The harness error for a gateway that refused the probe: the status, the body's tail, and what to pass. */
export function refusalError(refusal: Refusal, headerNames: readonly string[], redact: (text: string) => string): HarnessError {
  const body = refusal.body ? `: ${redact(refusal.body)}` : ' (empty body)';
  const hint = headerNames.length
    ? `the probe sent ${headerNames.join(', ')} (values not shown); check them, or pass the header the gateway expects with --header`
    : 'the gateway wants credentials: pass them with --header "Authorization: Bearer ${TOKEN}" (repeatable; ${VAR} is read from the environment)';
  return new HarnessError('GATEWAY_REFUSED', `the gateway's downstream refused the probe with HTTP ${refusal.status}${body}`, hint);
}
