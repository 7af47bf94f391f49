import type { MockServer } from '../mock-server.js';
import { bindSse } from './http/sse.js';
import { bindStdioRelay } from './stdio/stdio.js';
import { bindStreamableHttp, type StreamableHttpOptions } from './http/streamable-http.js';
import type { TransportBinding } from './types.js';
import { type TransportKind } from '../../model/words.js';

export type { StreamableHttpOptions } from './http/streamable-http.js';
export type { BindOptions, TransportBinding } from './types.js';

/** Serves `mock` over one transport; the single place that maps a transport name to its binding. */
export function bindTransport(
  kind: TransportKind,
  mock: MockServer,
  options: StreamableHttpOptions = {},
): Promise<TransportBinding> {
  switch (kind) {
    case 'stdio':
      return bindStdioRelay(mock);
    case 'sse':
      return bindSse(mock, options);
    case 'http':
      return bindStreamableHttp(mock, options);
  }
}
