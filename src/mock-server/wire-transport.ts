import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { type EventBody } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import { type TransportKind } from '../model/words.js';

/** The outcome of writing one message to a session's wire. */
export interface Delivery {
  delivered: boolean;
  reason?: string;
  stream?: string;
  /** Kept in the event store for replay although no stream carried it now. */
  stored?: boolean;
}

/** What a transport binding provides for one session: how to write, and how to close. */
export interface Wire {
  readonly kind: TransportKind;
  /** Writes one message, routed by the request it relates to (responses relate to their own id). */
  write(message: JSONRPCMessage, relatedRequestId: RequestId | undefined): Delivery;
  /** Ends the session from the server side; a stdio process exits with `exitCode` (default 0). */
  close(reason: string, exitCode?: number): void;
  /** Closes the standalone stream when the transport has one; false when none is open. */
  dropStream?(): boolean;
  /** True when the session has no open stream and no request in flight (only such a session may be reaped). */
  idle?(): boolean;
}

/** Journals what became of one notification sent to `session` (on listen stream `subscription`, in the modern era). */
export function journalDelivery(
  journal: Journal,
  session: string,
  method: string,
  delivery: Delivery,
  subscription?: string,
): void {
  const event: EventBody = { kind: 'notification', session, method, delivered: delivery.delivered };
  if (delivery.reason !== undefined) event.reason = delivery.reason;
  if (delivery.stream !== undefined) event.stream = delivery.stream;
  if (delivery.stored !== undefined) event.stored = delivery.stored;
  if (subscription !== undefined) event.subscription = subscription;
  journal.append(event);
}

export function isNotification(message: JSONRPCMessage): message is JSONRPCMessage & { method: string } {
  return 'method' in message && !('id' in message);
}

export function isRequest(
  message: JSONRPCMessage,
): message is JSONRPCMessage & { method: string; id: RequestId } {
  return 'method' in message && 'id' in message;
}

export function isResponse(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return !('method' in message) && 'id' in message;
}

/**
 * The SDK `Transport` a per-session `Server` connects to. It journals every frame received and every
 * notification's delivery, and leaves framing and routing to the binding's `Wire`.
 */
export class WireTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  protocolVersion: string | undefined;
  private closed = false;
  /** Clock ms of the last frame the client sent (or of the session's start). */
  private lastActivity: number;

  constructor(
    readonly sessionId: string,
    private readonly wire: Wire,
    private readonly journal: Journal,
  ) {
    this.lastActivity = journal.clock.now();
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    this.deliver(message, options?.relatedRequestId);
  }

  /** Writes through the wire (which journals the frame) and reports what happened; journals nothing else. */
  write(message: JSONRPCMessage, relatedRequestId?: RequestId): Delivery {
    const related = relatedRequestId ?? (isResponse(message) ? message.id : undefined);
    return this.closed ? { delivered: false, reason: 'session closed' } : this.wire.write(message, related);
  }

  /** Sends and reports what happened (used for notifications, whose fate the journal must record). */
  deliver(message: JSONRPCMessage, relatedRequestId?: RequestId): Delivery {
    const delivery = this.write(message, relatedRequestId);
    if (isNotification(message)) journalDelivery(this.journal, this.sessionId, message.method, delivery);
    return delivery;
  }

  /** Called by the binding for each inbound message: journals it, then hands it to the SDK. */
  receive(message: JSONRPCMessage, stream?: string, arrivedAt?: number): void {
    this.record(message, stream, arrivedAt);
    this.dispatch(message);
  }

  /** The first half of `receive`, for a binding that must prepare its answer route in between. */
  record(message: JSONRPCMessage, stream?: string, arrivedAt?: number): void {
    this.lastActivity = this.journal.clock.now();
    this.journal.append({ kind: 'frame-received', session: this.sessionId, stream, message }, arrivedAt);
  }

  /** True when the session has been idle `idleMs` with nothing open: see `Wire.idle`. */
  idleFor(idleMs: number, now: number): boolean {
    return (this.wire.idle?.() ?? false) && now - this.lastActivity >= idleMs;
  }

  /** The second half of `receive`: the SDK may answer synchronously (e.g. -32601 for an unknown method). */
  dispatch(message: JSONRPCMessage): void {
    this.onmessage?.(message);
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes from the server side (SDK `close()`): the wire ends the session. */
  async close(): Promise<void> {
    this.end('closed by server');
  }

  /** Why and by whom the session ended, once it has. */
  endReason: string | undefined;
  endedBy: 'client' | 'server' | undefined;

  /** Marks the session ended (by the peer or the server) exactly once. */
  end(reason: string, exitCode?: number, by: 'client' | 'server' = 'server'): void {
    if (this.closed) return;
    this.closed = true;
    this.endReason = reason;
    this.endedBy = by;
    this.wire.close(reason, exitCode);
    this.journal.append({ kind: 'session-closed', session: this.sessionId, reason });
    this.onclose?.();
  }

  get kind(): TransportKind {
    return this.wire.kind;
  }

  dropStream(): boolean {
    return this.wire.dropStream?.() ?? false;
  }
}
