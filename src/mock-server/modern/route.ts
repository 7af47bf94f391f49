import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { DiscoverRefusal } from '../../model/discover-refusal.js';
import { type MockEra, servesHandshake } from '../../model/eras/all-eras.js';
import type { Delivery } from '../wire-transport.js';
import { MODERN_VERSIONS } from './protocol.js';

/** Where the answers to one request go: a POST's response (HTTP) or the process's stdout (stdio). */
export interface Route {
  /** The stream id the journal names. */
  readonly stream: string;
  /** Writes one message (and journals it as sent); says what happened. */
  write(message: JSONRPCMessage): Delivery;
  /** The request is answered: an HTTP response ends; stdio carries on. */
  finish(reason: string): void;
  /** True when the request has a stream of its own that can close (HTTP); false on stdio's one shared pipe. */
  readonly closeable: boolean;
  /** Calls `listener` once if the client goes away before the route finishes (HTTP: the response closed). */
  onGone(listener: (reason: string) => void): void;
}

/** Knobs a scenario turns on the modern mock's listen streams and lists, and on how a 2025-only mock meets a modern client. */
export interface ModernControls {
  /** Delay before each new listen stream is acknowledged (0: at once). */
  ackDelayMs: number;
  /** `ttlMs` on every list and discover result. */
  ttlMs: number;
  /** Versions `server/discover` and -32022 name: the modern ones, and the legacy ones when the endpoint is dual-era. */
  supported: readonly string[];
  /** A 2025-only mock: how it refuses `server/discover` (undefined: as its transport does anyway). */
  refuseDiscover?: DiscoverRefusal;
}

/** The controls a mock starts with: no acknowledgement delay; a dual-era server names its legacy versions too. */
export function modernControls(era: MockEra, ttlMs: number): ModernControls {
  return { ackDelayMs: 0, ttlMs, supported: [...MODERN_VERSIONS, ...(servesHandshake(era) ? SUPPORTED_PROTOCOL_VERSIONS : [])] };
}
