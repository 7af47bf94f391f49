import { HarnessError } from '../../errors.js';
import type { MockServer } from '../mock-server.js';
import { bindSse } from './http/sse.js';
import { bindStdioRelay } from './stdio/stdio.js';
import { bindStreamableHttp, type StreamableHttpOptions } from './http/streamable-http.js';
import type { TransportBinding } from './binding.js';
import { type TransportKind } from '../../model/words.js';

export type { StreamableHttpOptions } from './http/streamable-http.js';
export type { BindOptions, TransportBinding } from './binding.js';

/** Serves a mock over one transport: what a transport's binding is. */
export type Bind = (mock: MockServer, options: StreamableHttpOptions) => Promise<TransportBinding>;

/** Each transport's binding, by the name of its record (model/transports): the one table that constructs them. */
const BINDINGS = new Map<TransportKind, Bind>([
  ['stdio', (mock) => bindStdioRelay(mock)],
  ['sse', bindSse],
  ['http', bindStreamableHttp],
]);

/** Adds the binding of a registered transport (`registerTransport`): from then on the mock serves it. */
export function registerBinding(kind: TransportKind, bind: Bind): void {
  if (BINDINGS.has(kind)) throw new Error(`the ${kind} transport has a binding already`);
  BINDINGS.set(kind, bind);
}

/** Serves `mock` over one transport. */
export function bindTransport(
  kind: TransportKind,
  mock: MockServer,
  options: StreamableHttpOptions = {},
): Promise<TransportBinding> {
  const bind = BINDINGS.get(kind);
  if (!bind) throw new HarnessError('NO_BINDING', `the mock has no binding for the ${kind} transport`, 'register one with registerBinding');
  return bind(mock, options);
}
