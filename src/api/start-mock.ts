import '../dispose.js';
import { ServeOptionsSchema, startServe } from '../commands/serve.js';
import { HarnessError } from '../errors.js';
import { type CatalogueView, catalogueView } from '../mock-admin/admin-routes.js';
import { transportOf } from '../model/transports.js';
import { TransportKindSchema } from '../model/words.js';
import type { StepInput } from '../steps/op-registry.js';
import type { TraceEvent } from '../trace/events.js';
import { describeOptions, type OptionsOf } from './input.js';
import { type ItemMethods, type OpMethods, routeMethods, type StepReply } from './mock-methods.js';
import { discard, nothing } from './quiet-io.js';

/**
 * The options of `serve` (camelCase), on Streamable HTTP unless `transport` names another reached by URL (sse, or one
 * registered); `catalogue` is a seed or a file. No stdio: this process's own stdin and stdout are not the mock's to take.
 */
export const StartMockOptionsSchema = ServeOptionsSchema.extend({
  transport: TransportKindSchema
    .refine((kind) => transportOf(kind).addressedBy === 'url', 'must be a transport reached by URL, such as http or sse')
    .default('http'),
}).strict();
export type StartMockOptions = OptionsOf<typeof StartMockOptionsSchema>;

/** How long `waitForEvent` waits by default: a client's next move on loopback takes milliseconds; this long is no move. */
export const DEFAULT_EVENT_WAIT_MS = 5_000;

export interface EventWait {
  timeoutMs?: number;
  fromSeq?: number;
}

/** A mock running in this process, steered by its admin API's operations as methods; `await using` closes it. */
export type MockHandle = OpMethods & ItemMethods & AsyncDisposable & {
  /** Where a client connects: the Streamable HTTP endpoint (`…/mcp`) or the legacy SSE one (`…/sse`). */
  url: string;
  /** The same operations over HTTP (`Authorization: Bearer <token>`), for a process of its own such as a gateway's hook. */
  admin: { url: string; token: string };
  /** Any step op, as a scenario writes it (`{ op: 'storm', count: 5 }`): `POST /steps`, with its errors (BAD_STEP …). */
  step: (step: StepInput) => Promise<StepReply>;
  /** The catalogue as the mock serves it now: every list, and the revision. */
  catalogue: () => CatalogueView;
  /** The live sessions' ids, oldest first. */
  sessions: () => string[];
  /** What the journal holds in memory from seq `fromSeq` on (the last `journalCap` events): every frame and fate. */
  journal: (fromSeq?: number) => TraceEvent[];
  /**
   * The first journal event from `fromSeq` on (past or future) that `matches`, e.g. a client's GET stream opening before
   * a notification is sent to it; rejects with WAIT_TIMEOUT after `timeoutMs`.
   */
  waitForEvent: (matches: (event: TraceEvent) => boolean, options?: EventWait) => Promise<TraceEvent>;
  /** Stops the mock and its admin API and frees their ports; again is a no-op. */
  close: () => Promise<void>;
};

/**
 * Starts the mock of `mcp-notify-check serve` in this process, with its default catalogue unless given one. Bad options
 * reject with a HarnessError (BAD_OPTION), as do a port in use and an unreadable catalogue file.
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockHandle> {
  const parsed = StartMockOptionsSchema.safeParse(options);
  if (!parsed.success) throw new HarnessError('BAD_OPTION', describeOptions('startMock()', parsed.error));
  const running = await startServe(parsed.data, { stdin: nothing(), stdout: discard() });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= running.close());
  const { mock, banner } = running;
  return {
    ...routeMethods(running.step),
    url: banner.mcp,
    admin: { url: banner.admin, token: banner.token },
    step: (step) => running.step(step),
    catalogue: () => catalogueView(mock),
    sessions: () => mock.sessionIds(),
    journal: (fromSeq = 0) => mock.journal.snapshot().filter((event) => event.seq >= fromSeq),
    waitForEvent: (matches, { timeoutMs = DEFAULT_EVENT_WAIT_MS, fromSeq = 0 } = {}) =>
      mock.journal.waitOrThrow(matches, { timeoutMs, fromSeq, what: 'a matching journal event' }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
