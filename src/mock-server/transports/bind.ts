import type { MockServer } from '../mock-server.js';
import { bindSse } from './http/sse.js';
import { bindStdioRelay } from './stdio/stdio.js';
import { bindStreamableHttp, type StreamableHttpOptions } from './http/streamable-http.js';
import type { TransportBinding } from './binding.js';
import { type TransportKind } from '../../model/words.js';

export type { StreamableHttpOptions } from './http/streamable-http.js';
export type { BindOptions, TransportBinding } from './binding.js';

type Bind = (mock: MockServer, options: StreamableHttpOptions) => Promise<TransportBinding>;

/** Each transport's binding, by the name of its record (model/transports): the one table that constructs them. */
const BINDINGS: Readonly<Record<TransportKind, Bind>> = {
  stdio: (mock) => bindStdioRelay(mock),
  sse: bindSse,
  http: bindStreamableHttp,
};

/** Serves `mock` over one transport. */
export function bindTransport(
  kind: TransportKind,
  mock: MockServer,
  options: StreamableHttpOptions = {},
): Promise<TransportBinding> {
  return BINDINGS[kind](mock, options);
}
