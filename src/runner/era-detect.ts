import { eraOf } from '../model/eras/all-eras.js';
import { join } from 'node:path';
import '../dispose.js';
import { DisposalStack } from '../dispose.js';
import type { Scenario } from '../model/scenario-schema.js';
import { type Era, ERAS, type MockEra, type TransportKind } from '../model/words.js';
import { erasOf } from '../model/transports.js';
import { MockServer } from '../mock-server/mock-server.js';
import { MODERN_VERSION } from '../mock-server/modern/protocol.js';
import { bindTransport } from '../mock-server/transports/bind.js';
import type { UnplayedEra } from '../judging/run-report.js';
import type { TargetEndpoint } from '../targets/command.js';
import type { RunningTarget, Target } from '../targets/target.js';
import { writeTrace } from '../trace/file.js';
import { Journal } from '../trace/journal.js';
import { TRACE_FORMAT, type TraceMeta } from '../trace/trace.js';
import type { TraceEvent } from '../trace/events.js';
import { VERSION } from '../version.js';
import { type Bind, endpointOf, linkedStop } from './cell.js';

/** How long a target gets to make its first contact: a cold start of a JVM or a Python venv fits in it. */
export const FIRST_CONTACT_MS = 15_000;

/** The revision that names the 2026-07-28 era in the lines reports print. */
const MODERN_REVISION = MODERN_VERSION;

/** What one contact showed: the era and revision the target opened with, or nothing if it never did. */
interface Contact {
  era?: Era;
  protocolVersion?: string;
}

interface DetectOptions {
  target: Target;
  /** A scenario of the run: its catalogue is what the detecting mock serves. */
  scenario: Scenario;
  traceDir: string;
  signal?: AbortSignal;
  bind?: Bind;
  firstContactMs?: number;
}

const initialized = (event: TraceEvent) => event.kind === 'session-initialized';

type Found = Promise<{ eras: Era[]; unplayed?: UnplayedEra }>;

/**
 * Starts the target once (against `served`, or as the server under test when it has no mock) and lets `observe` read
 * the journal while it runs; the trace is kept beside the cells' as evidence, whatever `observe` found.
 */
async function startOnce<T>(
  options: DetectOptions,
  contact: { transport: TransportKind; name: string; era: TargetEndpoint['era']; served?: MockEra },
  observe: (running: RunningTarget, journal: Journal, signal: AbortSignal) => Promise<T>,
): Promise<{ seen: T; journal: Journal }> {
  const { transport, name, era, served } = contact;
  const journal = new Journal();
  const scenario = { ...options.scenario, id: name };
  let seen: T;
  {
    await using stack = new DisposalStack();
    const { stop, abort } = linkedStop(options.signal, stack);
    let endpoint: TargetEndpoint = { transport, era, scenario: name };
    if (served) {
      const { catalogue, capabilities, pageSize, ttlMs } = scenario;
      const mock = new MockServer({ catalogue, capabilities, pageSize, journal, era: served, ttlMs });
      stack.defer(() => mock.close());
      const binding = await (options.bind ?? bindTransport)(transport, mock, scenario.http);
      stack.defer(() => binding.close());
      endpoint = endpointOf(binding, scenario, era);
    }
    const running = await options.target.start({ endpoint, journal, signal: stop.signal });
    stack.defer(async () => {
      await running[Symbol.asyncDispose]();
    });
    void running.exited.then(abort);
    seen = await observe(running, journal, stop.signal);
  }
  const meta: TraceMeta = {
    format: TRACE_FORMAT, tool: { name: 'mcp-notify-check', version: VERSION }, scenario, transport, era: 'modern',
    ...(served ? { served } : {}), target: options.target.label, options: {}, startedAt: new Date().toISOString(),
    origin: journal.origin,
  };
  await writeTrace(join(options.traceDir, `${name}.${transport}.jsonl`), { meta, events: journal.snapshot() });
  return { seen, journal };
}

/**
 * A client against a mock serving `served`, told `{era}` = `auto` (speak what you would by default): the era and
 * revision its first session opened with, or nothing if it never did.
 */
async function contact(options: DetectOptions, transport: TransportKind, served: MockEra, name: string): Promise<Contact> {
  const timeoutMs = options.firstContactMs ?? FIRST_CONTACT_MS;
  const { seen: found } = await startOnce(options, { transport, name, era: 'auto', served }, (_running, journal, signal) =>
    journal.waitFor(initialized, { timeoutMs, fromSeq: 0, count: 1, signal }));
  if (found?.kind !== 'session-initialized') return {};
  return { era: found.era ?? 'legacy', protocolVersion: found.protocolVersion };
}

/**
 * A server under test: one start, its probe speaking 2026-07-28 (`server/discover` first). A server that accepts it
 * plays both eras; one that refuses plays the 2025 cells, and the line quotes its answer.
 */
async function serverSpeaksModern(options: DetectOptions, transport: TransportKind): Found {
  const { journal } = await startOnce(options, { transport, name: 'era-detect', era: 'modern' }, (running, _journal, signal) =>
    running.ready(options.firstContactMs ?? FIRST_CONTACT_MS, signal));
  if (journal.ofKind('probe-connected').length > 0) return { eras: ['legacy', 'modern'] };
  const said = journal.ofKind('probe-error').at(-1)?.message;
  const reason = `${MODERN_REVISION} cells not run on ${transport}: the server did not accept a ${MODERN_REVISION} session` +
    `${said ? ` (${said})` : ''}; use --era modern to require them`;
  return { eras: ['legacy'], unplayed: { transport, era: 'modern', reason } };
}

/** The eras a client plays on one transport, found from what it speaks; and the line saying what is not played. */
async function erasOn(options: DetectOptions, transport: TransportKind): Found {
  if (!erasOf(transport).includes('modern')) return { eras: ['legacy'] };
  if (options.target.endpoint === 'own') return serverSpeaksModern(options, transport);
  const first = await contact(options, transport, 'dual', 'era-detect');
  if (first.era === undefined) {
    const seconds = (options.firstContactMs ?? FIRST_CONTACT_MS) / 1000;
    const reason = `${MODERN_REVISION} cells not run on ${transport}: the client made no contact with a dual-era server within ${seconds} s, ` +
      'so what it speaks is unknown; its 2025 cells say why (use --era modern to require them)';
    return { eras: ['legacy'], unplayed: { transport, era: 'modern', reason } };
  }
  if (eraOf(first.era).handshake) {
    const reason = `${MODERN_REVISION} cells not run on ${transport}: the client speaks ${first.protocolVersion ?? '2025'} only ` +
      '(it opened with initialize; use --era modern to require them)';
    return { eras: ['legacy'], unplayed: { transport, era: 'modern', reason } };
  }
  // It speaks 2026-07-28: does it also speak 2025? Meet it with a 2025-only server, as era-fallback does.
  const second = await contact(options, transport, 'legacy', 'era-detect-2025');
  if (second.era !== undefined && eraOf(second.era).handshake) return { eras: [...ERAS] };
  const reason = `2025 cells not run on ${transport}: the client speaks ${MODERN_REVISION} only (it did not fall back to initialize ` +
    'when a 2025 server refused server/discover; use --era legacy to require them)';
  return { eras: ['modern'], unplayed: { transport, era: 'legacy', reason } };
}

/**
 * `--era auto`: per transport, the eras the target speaks: a client's from its first contact with a dual-era mock, a
 * server's from whether it accepts a 2026-07-28 session.
 */
export async function detectEras(options: DetectOptions, transports: readonly TransportKind[]) {
  const found = await Promise.all(transports.map(async (transport) => [transport, await erasOn(options, transport)] as const));
  const eras = new Map(found.map(([transport, result]) => [transport, result.eras]));
  const unplayed = found.flatMap(([, result]) => (result.unplayed ? [result.unplayed] : []));
  return { erasFor: (transport: TransportKind): readonly Era[] => eras.get(transport) ?? ['legacy'], unplayed };
}

/** The eras each transport plays: as given, or (`auto`) as the client speaks them. */
export async function chooseEras(
  options: Omit<DetectOptions, 'scenario' | 'traceDir'> & { eras?: readonly Era[] | 'auto'; scenarios: readonly Scenario[]; transports: readonly TransportKind[] },
  traceDir: string,
) {
  const { eras = ['legacy'], scenarios } = options;
  const first = scenarios[0];
  if (eras !== 'auto' || !first) return { erasFor: () => (eras === 'auto' ? ['legacy' as const] : eras), unplayed: [] };
  const detect: DetectOptions = { ...options, scenario: first, traceDir };
  return detectEras(detect, options.transports);
}
