import { deliveredNotifications } from '../../../trace/queries.js';
import { approxMs, classifyReaction, describeReaction, type Reaction, reactionMeasurements } from '../../support/reaction.js';
import { defineCheck, fail, info, ms, notTestable, pass, type Verdict } from '../../support/check.js';
import { fitsWindow, windowOptions } from '../../support/window.js';

/** Timer jitter on a loaded 2-core runner; a debounce within this of the expected value is the expected one. */
export const DEBOUNCE_TOLERANCE_MS = 50;

interface Pair {
  gapMs: number;
  relists: number;
  /** Relist start minus the pair's second notification (negative: it fired before the second one arrived). */
  delayMs?: number;
}

/** A target that only polls has no debounce to measure: its policy is its period. */
function polling(reaction: Reaction, parts: { evidence: number[]; expected: number | undefined }): Verdict {
  const policy = `polling (period ~${approxMs(reaction.periodMs ?? 0)} ms)`;
  const window = { windowLowMs: null, windowHighMs: null, trailingDelayMs: null };
  const measurements = { policy, ...window, ...reactionMeasurements(reaction) };
  const shape = `${policy}: no re-list followed a notification pair except on the target's own schedule — ${describeReaction(reaction)}`;
  if (parts.expected === undefined) return info(`measured: ${shape}`, { evidence: parts.evidence, measurements });
  return fail(`expected a ${parts.expected} ms debounce; measured ${shape}`, { evidence: parts.evidence, measurements });
}

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
}

export const debounceWindow = defineCheck({
  id: 'debounce-window',
  title: 'Debounce window and policy',
  description:
    'Pairs of notifications at growing gaps reveal whether the target coalesces (and below which gap), and whether it ' +
    'refreshes on the leading or trailing edge; only re-lists caused by a notification count, and a target that only polls is ' +
    'reported as `polling (period ~N ms)`. Reported as measurements; judged only against an expected window (--debounce).',
  severity: 'info',
  specRefs: [],
  timing: true,
  options: windowOptions(DEBOUNCE_TOLERANCE_MS),
  evaluate(trace, options) {
    const notes = deliveredNotifications(trace, options.list);
    if (notes.length < 4) return notTestable(`the probe needs notification pairs; ${notes.length} notifications reached the target`);
    const reaction = classifyReaction(trace, { list: options.list });
    const all = reaction.reactions;
    const pairs: Pair[] = [];
    for (let i = 0; i + 1 < notes.length; i += 2) {
      const [first, second, next] = [notes[i], notes[i + 1], notes[i + 2]];
      if (!first || !second) break;
      const inPair = all.filter((request) => request.event.t >= first.t && (!next || request.event.t < next.t));
      const pair: Pair = { gapMs: ms(second.t - first.t), relists: inPair.length };
      if (inPair[0]) pair.delayMs = ms(inPair[0].event.t - second.t);
      pairs.push(pair);
    }
    const expected = options.expectedMs ?? trace.meta.options.debounceMs;
    const evidence = notes.map((note) => note.seq);
    if (reaction.kind === 'polls') return polling(reaction, { evidence, expected });
    if (pairs.every((pair) => pair.relists === 0)) return notTestable('the target never re-listed during the probe');
    const coalesced = pairs.filter((pair) => pair.relists === 1);
    const split = pairs.filter((pair) => pair.relists >= 2);
    const low = coalesced.length ? Math.max(...coalesced.map((pair) => pair.gapMs)) : 0;
    const high = split.length ? Math.min(...split.map((pair) => pair.gapMs)) : null;
    const delays = coalesced.map((pair) => pair.delayMs).filter((value): value is number => value !== undefined);
    const trailingDelay = median(delays);
    let policy: string;
    if (coalesced.length === 0) policy = 'none';
    else if (delays.every((delay) => delay < 0)) policy = 'leading';
    else policy = 'trailing';
    if (high !== null && high < low) policy = `${policy} (irregular)`;
    const measurements = {
      policy,
      windowLowMs: low,
      windowHighMs: high,
      trailingDelayMs: trailingDelay ?? null,
      pairs: pairs.map((pair) => `${pair.gapMs}ms→${pair.relists}`).join(' '),
      missedPairs: pairs.filter((pair) => pair.relists === 0).length,
      ...reactionMeasurements(reaction),
    };
    const shape = `${policy} debounce, window ${high === null ? `≥ ${low}` : `between ${low} and ${high}`} ms` +
      (policy.startsWith('trailing') && trailingDelay !== undefined ? `, refresh ${trailingDelay} ms after the last notification` : '') +
      (reaction.kind === 'both' ? `; ${describeReaction(reaction)}` : '');
    if (expected === undefined) return info(`measured: ${shape} (pairs: ${measurements.pairs})`, { evidence, measurements });
    const tol = options.toleranceMs;
    if (fitsWindow({ policy, low, high, trailingDelay }, expected, tol)) return pass(`matches the expected ${expected} ms: ${shape}`, { evidence, measurements });
    return fail(`expected a ${expected} ms debounce (±${tol} ms); measured ${shape} (pairs: ${measurements.pairs})`, {
      evidence,
      measurements,
    });
  },
});
