import { LIST_METHOD } from '../../model/words.js';
import { type ListRequest, ofKind } from '../../trace/queries.js';
import type { Trace } from '../../trace/trace.js';
import { defineCheck, fail, info, ms, notTestable, pass } from '../support/check.js';
import { fitsWindow, windowOptions } from '../support/window.js';
import { attribute, deliveredSends, type Send } from './attribution.js';

/**
 * A gateway's refresh crosses a process and a network hop more than a client's re-list: a trailing delay within this of
 * the declared window is the declared one.
 */
export const GW_DEBOUNCE_TOLERANCE_MS = 100;

/** One pair of announced changes, and what the gateway's own refreshes made of it. */
export interface GatewayPair {
  gapMs: number;
  /** The gateway's own first-page lists from the pair's first notification to the next pair's. */
  refreshes: number;
  /** First refresh minus the second notification (negative: it started before the second change was announced). */
  delayMs?: number;
  /** Since the last notification that started a refresh before its pair's second (a leading window's start), if any. */
  sinceTriggerMs?: number;
  /** A refresh of the gateway's served the revision of the pair's second change, or a later one. */
  kept: boolean;
}

/** The catalogue revision just before `seq` (the revision a send announced). */
function revisionAt(trace: Trace, seq: number): number {
  const change = ofKind(trace, 'catalogue-mutated').filter((event) => event.seq < seq).at(-1);
  return change?.revision ?? ofKind(trace, 'catalogue-snapshot')[0]?.revision ?? 0;
}

/** Each pair of sends, with the gateway's own refreshes between its first send and the next pair's. */
export function gatewayPairs(trace: Trace, sent: readonly Send[], own: readonly ListRequest[], method: string): GatewayPair[] {
  const served = ofKind(trace, 'list-served').filter((event) => event.method === method && event.cursor === undefined);
  const pairs: GatewayPair[] = [];
  let trigger: number | undefined;
  for (let i = 0; i + 1 < sent.length; i += 2) {
    const [first, second, next] = [sent[i], sent[i + 1], sent[i + 2]];
    if (!first || !second) break;
    const end = next?.seq ?? Infinity;
    const mine = own.filter((request) => request.event.seq >= first.seq && request.event.seq < end);
    const revision = revisionAt(trace, second.seq);
    const answered = (event: (typeof served)[number]) =>
      mine.some((request) => request.session === event.session && request.id === event.requestId);
    const kept = served.some((event) => answered(event) && event.revision >= revision);
    const pair: GatewayPair = { gapMs: ms(second.t - first.t), refreshes: mine.length, kept };
    if (mine[0]) pair.delayMs = ms(mine[0].event.t - second.t);
    if (trigger !== undefined) pair.sinceTriggerMs = ms(first.t - trigger);
    if (mine[0] && mine[0].event.seq < second.seq) trigger = first.t;
    pairs.push(pair);
  }
  return pairs;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Policy, window bounds and the fate of changes inside the window, from the pairs. */
export function gatewayPolicy(pairs: readonly GatewayPair[]) {
  const coalesced = pairs.filter((pair) => pair.refreshes === 1);
  const missed = pairs.filter((pair) => pair.refreshes === 0);
  const split = pairs.filter((pair) => pair.refreshes >= 2);
  const delays = coalesced.map((pair) => pair.delayMs).filter((value): value is number => value !== undefined);
  let policy: string;
  if (coalesced.length === 0 && missed.length === 0) policy = 'none';
  else if (delays.length && delays.every((delay) => delay >= 0)) policy = 'trailing';
  else policy = 'leading';
  const leading = policy === 'leading';
  // Coalesced pairs and, for a leading window, pairs it ignored whole show it is at least that long; split pairs and a
  // pair it took after a leading window show it is at most that long.
  const lows = [...coalesced.map((pair) => pair.gapMs), ...(leading ? missed.map((pair) => pair.sinceTriggerMs ?? 0) : [])];
  const taken = pairs.filter((pair) => pair.refreshes > 0 && (pair.delayMs ?? 0) < 0 && pair.sinceTriggerMs !== undefined);
  const highs = [...split.map((pair) => pair.gapMs), ...(leading ? taken.map((pair) => pair.sinceTriggerMs ?? 0) : [])];
  const low = lows.length ? Math.max(...lows) : 0;
  const high = highs.length ? Math.min(...highs) : null;
  if (high !== null && high < low) policy = `${policy} (irregular)`;
  const inWindow = [...coalesced, ...missed];
  const lost = inWindow.filter((pair) => !pair.kept).length;
  const kept = inWindow.length === 0 ? 'none inside the window' : lost === 0 ? 'kept' : lost === inWindow.length ? 'lost' : `lost in ${lost} of ${inWindow.length} pairs`;
  return { policy, low, high, trailingDelay: policy.startsWith('trailing') ? median(delays) : undefined, kept };
}

export const gwDebounceWindow = defineCheck({
  id: 'gw-debounce-window',
  title: 'Gateway refresh policy and window',
  description:
    'Pairs of upstream changes at growing gaps, the gateway\'s own refresh held until it heard the second: its own ' +
    'refreshes per pair show whether it refreshes on the leading or trailing edge, its window (bounded from the pairs it ' +
    'coalesced, split or ignored), and whether a change inside the window is kept. Reported as measurements; judged only ' +
    'against the window declared with --debounce.',
  severity: 'info',
  specRefs: [],
  timing: true,
  options: windowOptions(GW_DEBOUNCE_TOLERANCE_MS),
  evaluate(trace, options) {
    const sent = deliveredSends(trace, options.list);
    if (sent.length < 4) return notTestable(`the probe needs pairs of changes the gateway heard; ${sent.length} reached it`);
    const first = sent[0]?.seq ?? 0;
    const own = attribute(trace, options.list).own.filter((request) => request.event.seq >= first);
    if (own.length === 0) {
      return notTestable('the gateway never listed the upstream on its own after a change: it has no refresh policy to measure (a forwarder passes its users\' lists through)');
    }
    const pairs = gatewayPairs(trace, sent, own, LIST_METHOD[options.list]);
    const shape = gatewayPolicy(pairs);
    const described = pairs.map((pair) => `${pair.gapMs}ms→${pair.refreshes}${pair.kept ? '' : ' lost'}`).join(', ');
    const measurements = {
      policy: shape.policy,
      windowLowMs: shape.low,
      windowHighMs: shape.high,
      trailingDelayMs: shape.trailingDelay ?? null,
      changesInWindow: shape.kept,
      pairs: described,
    };
    const text =
      `${shape.policy} refresh, window ${shape.high === null ? `≥ ${shape.low}` : `between ${shape.low} and ${shape.high}`} ms` +
      (shape.trailingDelay === undefined ? '' : `, refresh ${shape.trailingDelay} ms after the last change`) +
      `; changes inside the window: ${shape.kept} (pairs: ${described})`;
    const evidence = [...sent.map((send) => send.seq), ...own.map((request) => request.event.seq)].sort((a, b) => a - b);
    const expected = options.expectedMs ?? trace.meta.options.debounceMs;
    if (expected === undefined) return info(`measured: ${text}`, { evidence, measurements });
    const tol = options.toleranceMs;
    if (fitsWindow(shape, expected, tol)) return pass(`matches the declared ${expected} ms: ${text}`, { evidence, measurements });
    return fail(`declared a ${expected} ms window (±${tol} ms); measured ${text}`, { evidence, measurements });
  },
});
