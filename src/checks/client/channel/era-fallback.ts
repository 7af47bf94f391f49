import { eraOf, serves } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { DISCOVER_METHOD, META, MODERN_VERSION } from '../../../mock-server/modern/protocol.js';
import { type Era } from '../../../model/words.js';
import type { Trace } from '../../../trace/trace.js';
import { ofKind } from '../../../trace/queries.js';
import { compareFinal } from '../relist/converges.js';
import { targetEnding } from '../../target/target-connects.js';
import { defineCheck, fail, info, ms, notTestable, pass, type Verdict } from '../../support/check.js';

const ERA_NAME: Record<Era, string> = { legacy: 'the 2025 revisions', modern: MODERN_VERSION };

/** An output line that names the version mismatch: a user reading it knows what to change. */
const DIAGNOSTIC = /2026-07-28|-32022|protocol.?version|unsupported.*version|version.*(not supported|unsupported|mismatch)/i;

/** A request the target sent in the era the mock does not serve, and how the mock refused it. */
export interface Attempt {
  seq: number;
  t: number;
  method: string;
  /** How it was refused: `HTTP 400, -32022`, `-32601`, or undefined when it went unanswered. */
  refusal?: string;
}

interface Rpc {
  id?: string | number;
  method?: string;
  params?: { _meta?: Record<string, unknown> };
  error?: { code?: number };
}

/** True for a request in the other era's form: `initialize` is legacy; `server/discover` or a version in `_meta` is modern. */
function speaks(era: Era, message: Rpc): boolean {
  if (eraOf(era).handshake) return message.method === 'initialize';
  return message.method === DISCOVER_METHOD || message.params?._meta?.[META.protocolVersion] !== undefined;
}

/** The target's requests in `era` (the one the mock does not serve) before the first session in the served era, refused how. */
export function attemptsIn(trace: Trace, era: Era, before: number): Attempt[] {
  const attempts: Attempt[] = [];
  const answers = ofKind(trace, 'frame-sent');
  for (const event of trace.events) {
    if (event.t > before) break;
    if (event.kind === 'http-rejected') {
      // A refused POST keeps only its methods: in the modern direction any sessionless request but initialize counts.
      const method = event.rpc?.find((rpc) => rpc.method !== undefined)?.method;
      if (method === undefined || eraOf(era).handshake !== (method === 'initialize')) continue;
      attempts.push({ seq: event.seq, t: event.t, method, refusal: `HTTP ${event.status}${event.code === undefined ? '' : `, ${event.code}`}` });
    } else if (event.kind === 'frame-received') {
      const message = event.message as Rpc;
      if (message.id === undefined || !speaks(era, message)) continue;
      const answer = answers.find(
        (sent) => sent.session === event.session && (sent.message as Rpc).id === message.id && sent.seq > event.seq,
      );
      const code = (answer?.message as Rpc | undefined)?.error?.code;
      attempts.push({ seq: event.seq, t: event.t, method: message.method ?? '?', ...(code === undefined ? {} : { refusal: String(code) }) });
    }
  }
  return attempts;
}

/** How the target ended, and what it said: for a target that never reached the served era. */
function aftermath(trace: Trace): { text: string; evidence: number[]; diagnosable: boolean; exitCode: number | null } {
  const { exited, output, how, said } = targetEnding(trace);
  return {
    text: `${how}; ${said}`,
    evidence: [exited?.seq, output?.seq].filter((seq): seq is number => seq !== undefined),
    diagnosable: (output?.lines ?? []).some((line) => DIAGNOSTIC.test(line)),
    exitCode: exited?.code ?? null,
  };
}

function describe(attempts: readonly Attempt[]): string {
  const first = attempts[0];
  if (!first) return '';
  const more = attempts.length > 1 ? ` (${attempts.length} such requests)` : '';
  return `its ${first.method} was ${first.refusal ? `refused (${first.refusal})` : 'left unanswered'}${more}`;
}

/** A client told to speak 2026-07-28 meets a 2025-only server: it must fall back to initialize, and still see changes. */
function modernClient(trace: Trace): Verdict {
  const session = ofKind(trace, 'session-initialized').find((event) => eraOf(event.era ?? 'legacy').handshake);
  const attempts = attemptsIn(trace, 'modern', session?.t ?? Number.POSITIVE_INFINITY);
  const measurements = { probes: attempts.length, fellBack: session !== undefined };
  if (!session) {
    const end = aftermath(trace);
    const tried = attempts.length ? `${describe(attempts)} and ` : 'it sent no 2026-07-28 request the server could answer, and ';
    // Falling back is owed only by a client that speaks both eras; one found to speak only 2026-07-28 may fail, and is
    // judged on whether its users can tell why (the versioning matrix's "actionable error").
    if (trace.meta.speaks && !trace.meta.speaks.includes('legacy')) {
      const verdict = end.diagnosable ? 'what it printed names the version mismatch' : 'nothing it printed names the version mismatch';
      return info(`the server speaks only ${ERA_NAME.legacy}, and the client speaks only ${ERA_NAME.modern}: ${tried}it did not fall back ` +
        `(it need not); ${end.text}: ${verdict}`, { evidence: [...attempts.map((attempt) => attempt.seq).slice(0, 3), ...end.evidence], measurements });
    }
    return fail(
      `the server speaks only ${ERA_NAME.legacy}: ${tried}the target never fell back to initialize; ${end.text}`,
      {
        evidence: [...attempts.map((attempt) => attempt.seq).slice(0, 3), ...end.evidence],
        measurements: { ...measurements, exitCode: end.exitCode },
      },
    );
  }
  const how = attempts.length
    ? `${describe(attempts)}, and it fell back to initialize ${ms(session.t - (attempts[0]?.t ?? session.t))} ms later`
    : 'it initialized at once (no 2026-07-28 probe to fall back from)';
  const evidence = [...attempts.map((attempt) => attempt.seq).slice(0, 3), session.seq];
  const { view, expected, match } = compareFinal(trace, 'tools');
  if (!expected) return notTestable('the trace has no final catalogue snapshot', { evidence, measurements });
  if (!view || !match) return fail(`${how}, but it never fetched a complete tools list on the 2025 session`, { evidence, measurements });
  evidence.push(...view.evidence);
  if (!match.current) {
    const { missing, extra } = match;
    const wrong = [missing.length ? `is missing [${missing.join(', ')}]` : '', extra.length ? `still has [${extra.join(', ')}]` : ''].filter(Boolean);
    return fail(`${how}, but its final tools view ${wrong.join(' and ')}: the change announced on the 2025 session did not reach it`, { evidence, measurements });
  }
  return pass(`${how}; on the 2025 session its tools view followed the announced change`, { evidence, measurements });
}

/** A client told to speak the 2025 revisions meets a 2026-07-28-only server: it cannot connect; how it says so is reported. */
function legacyClient(trace: Trace): Verdict {
  const session = ofKind(trace, 'session-initialized').find((event) => !eraOf(event.era ?? 'legacy').handshake);
  const attempts = attemptsIn(trace, 'legacy', session?.t ?? Number.POSITIVE_INFINITY);
  const evidence = attempts.map((attempt) => attempt.seq).slice(0, 3);
  const prefix = `the server speaks only ${ERA_NAME.modern}`;
  if (session) {
    const before = attempts.length ? `${describe(attempts)}, then ` : '';
    return info(`${prefix}: ${before}the target spoke ${MODERN_VERSION} (a dual-era client)`, {
      evidence: [...evidence, session.seq],
      measurements: { attempts: attempts.length, negotiated: true },
    });
  }
  const end = aftermath(trace);
  const tried = attempts.length ? describe(attempts) : 'it sent no initialize the server saw';
  const verdict = end.diagnosable
    ? 'what it printed names the version mismatch'
    : 'nothing it printed names the version mismatch, so its users cannot tell why it does not connect';
  return info(`${prefix}: ${tried}; ${end.text}: ${verdict}`, {
    evidence: [...evidence, ...end.evidence],
    measurements: { attempts: attempts.length, negotiated: false, diagnosable: end.diagnosable, exitCode: end.exitCode },
  });
}

export const eraFallback = defineCheck({
  id: 'era-fallback',
  title: 'Falls back across protocol eras',
  description:
    'The mock serves only the era the target was not told to speak. A client speaking 2026-07-28 must read a 2025-only ' +
    'server\'s refusal of server/discover (any error, or none) as "legacy", fall back to initialize and still follow ' +
    'list_changed. A 2025 client cannot use a 2026-07-28-only server: how it fails (and whether what it prints names the ' +
    'version mismatch) is reported as information.',
  severity: 'SHOULD',
  specRefs: ['2026-07-28/basic/versioning#backwards-compatibility', '2026-07-28/basic/transports/streamable-http#backwards-compatibility'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const served = trace.meta.served;
    if (served === undefined || serves(served, trace.meta.era)) {
      return notTestable(`the mock served the cell's own era (${trace.meta.era}); this check needs a scenario whose mock serves only the other one (serves: other)`);
    }
    return eraOf(trace.meta.era).handshake ? legacyClient(trace) : modernClient(trace);
  },
});
