import { eraOf, isEra } from '../../../model/eras/all-eras.js';
import { z } from 'zod';
import { ofKind } from '../../../trace/queries.js';
import { attemptsIn } from './era-fallback.js';
import { transportOf } from '../../../model/transports.js';
import { targetEnding } from '../../target/target-connects.js';
import { defineCheck, fail, info, ms, notTestable, pass } from '../../support/check.js';

/** What a 2025 server may answer an unknown pre-initialize request with, as the stdio binding lists it. */
const LEGACY_ANSWERS = 'legacy servers answer it with implementation-defined errors (commonly -32601 or -32602), a 400 without a modern error, or not at all';

export const fallbackAnyError = defineCheck({
  id: 'fallback-any-error',
  title: 'Falls back on any refusal of server/discover',
  description:
    'A 2026-07-28 client meets a 2025-only server that refuses server/discover one of the ways 2025 servers do: -32601, ' +
    '-32602, or on Streamable HTTP a 400 whose body is no JSON-RPC (one way per scenario). A client that speaks both eras ' +
    'must fall back to initialize on each of them: a fallback keyed to one error code strands it on the others.',
  severity: 'MUST',
  specRefs: ['2026-07-28/basic/transports/stdio#backward-compatibility', '2026-07-28/basic/transports/streamable-http#backward-compatibility'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const server = isEra(trace.meta.served) ? eraOf(trace.meta.served) : undefined;
    if (eraOf(trace.meta.era).handshake || !server?.handshake) {
      return notTestable('this check needs a 2026-07-28 client meeting a 2025-only server (a scenario whose mock serves the other era)');
    }
    // The MUST NOT is the stdio binding's; on Streamable HTTP the same rule is stated without a keyword.
    const keyword = transportOf(trace.meta.transport).fallbackKeyword;
    const session = ofKind(trace, 'session-initialized').find((event) => eraOf(event.era ?? 'legacy').handshake);
    const attempts = attemptsIn(trace, 'modern', session?.t ?? Number.POSITIVE_INFINITY);
    const first = attempts[0];
    if (!first) {
      return notTestable(session
        ? 'the client initialized at once without a 2026-07-28 probe, so no refusal was there to fall back from'
        : 'the client sent no 2026-07-28 request the server could refuse', { keyword });
    }
    const how = first.refusal === undefined ? 'left unanswered' : `refused (${first.refusal}${/^HTTP \d+$/.test(first.refusal) ? ', no JSON-RPC body' : ''})`;
    const evidence = attempts.map((attempt) => attempt.seq).slice(0, 3);
    const measurements = { refusal: first.refusal ?? null, fellBack: session !== undefined };
    if (session) {
      return pass(`its ${first.method} was ${how}, and it fell back to initialize ${ms(session.t - first.t)} ms later`, {
        evidence: [...evidence, session.seq],
        measurements,
        keyword,
      });
    }
    const { exited, output, how: ended, said } = targetEnding(trace);
    const ending = [exited?.seq, output?.seq].filter((seq): seq is number => seq !== undefined);
    // Only a client that speaks both eras owes a fallback; one found to speak only 2026-07-28 may give up (era-fallback).
    if (trace.meta.speaks && !trace.meta.speaks.includes('legacy')) {
      return info(`its ${first.method} was ${how} and it did not fall back, which a client that speaks only 2026-07-28 need not do; ${ended}`, {
        evidence: [...evidence, ...ending],
        measurements,
        keyword,
      });
    }
    return fail(
      `its ${first.method} was ${how} and it never fell back to initialize (${ended}; ${said}): the fallback must not be keyed to one ` +
      `error code, as ${LEGACY_ANSWERS}`,
      { evidence: [...evidence, ...ending], measurements, keyword },
    );
  },
});
