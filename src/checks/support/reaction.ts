import type { ListKind } from '../../model/words.js';
import type { Trace } from '../../trace/trace.js';
import { type ChangeSignal, changeSignals, type ListRequest, relists } from '../../trace/queries.js';
import { type Measurement, ms } from './check.js';

/**
 * A re-list this soon after a list_changed may be its reaction: relist-after-notify's deadline (a slower reaction fails
 * there, as late). A re-list further from every list_changed, with none since the client's previous list, had no cause.
 */
export const REACTION_WINDOW_MS = 3_000;

/**
 * Timer lateness on a loaded 2-core runner (up to ~100 ms), twice: the shortest gap may end on a late tick and the next
 * tick of a timer on an absolute schedule come on time. A re-list this much sooner than that gap may still be a poll.
 */
export const POLL_JITTER_MS = 200;

/** Why the client re-listed, as far as the trace can tell. */
export type RelistRole = 'initial' | 'reaction' | 'poll';
export type ReactionKind = 'reacts' | 'polls' | 'both' | 'never';

export interface Reaction {
  kind: ReactionKind;
  /** `reacts`, `polls every ~N ms`, `both` or `never`. */
  label: string;
  roles: { request: ListRequest; role: RelistRole }[];
  /** Re-lists credited to a notification. */
  reactions: ListRequest[];
  /** Re-lists on the client's own schedule: uncaused, or as far from its last poll as its polls are from each other. */
  polls: ListRequest[];
  /** The client's poll period: the median gap between polls with nothing in between (undefined: it never polled). */
  periodMs?: number;
  /** The longest stretch without a re-list: no poll period up to it fits the trace. */
  quietMs: number;
}

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
}

/** A period as a person says it (`~N ms`): two significant figures. */
export const approxMs = (value: number): number => Number(value.toPrecision(2));

/**
 * Tells a client that re-lists because of list_changed from one that re-lists on its own schedule, from the trace alone.
 *
 * 1. A re-list is *uncaused* when it is not a session's first and no list_changed (of any list) arrived since the
 *    client's previous re-list or within `reactionWindowMs` before it: a reactor has none, a poller shows one in every
 *    notification-free stretch longer than its period (the scenarios' control window).
 * 2. Each uncaused re-list came at most one period after the re-list before it, so the shortest such gap bounds the
 *    client's period from below: its polls come at least that far apart.
 * 3. A re-list that follows a notification is counted as the next poll when it comes at least that far (less
 *    `POLL_JITTER_MS`) after the last poll; sooner, it cannot be a poll, and is credited as a reaction. A poller's
 *    re-lists are all polls, however close to a notification they land; a client that polls and reacts loses at most
 *    one reaction per period.
 */
export function classifyReaction(trace: Trace, options: { list: ListKind; reactionWindowMs?: number }): Reaction {
  const all = relists(trace, options.list);
  const facts = causes(all, changeSignals(trace), options.reactionWindowMs ?? REACTION_WINDOW_MS);
  let minPeriodMs: number | undefined;
  for (const fact of facts) if (!fact.first && !fact.prompted) minPeriodMs = Math.min(minPeriodMs ?? Infinity, fact.gapMs);
  let lastPoll = all[0]?.event.t ?? 0;
  const roles = facts.map(({ request, first, prompted }) => {
    let role: RelistRole = 'reaction';
    if (!prompted) role = first ? 'initial' : 'poll';
    else if (minPeriodMs !== undefined && request.event.t - lastPoll >= minPeriodMs - POLL_JITTER_MS) role = 'poll';
    if (role === 'poll') lastPoll = request.event.t;
    return { request, role };
  });
  const gaps = roles.flatMap((entry, index) => {
    const previous = roles[index - 1];
    return entry.role === 'poll' && previous && previous.role !== 'reaction' ? [entry.request.event.t - previous.request.event.t] : [];
  });
  const periodMs = median(gaps) ?? minPeriodMs;
  const reactions = roles.filter((entry) => entry.role === 'reaction').map((entry) => entry.request);
  const polls = roles.filter((entry) => entry.role === 'poll').map((entry) => entry.request);
  const kind: ReactionKind = polls.length ? (reactions.length ? 'both' : 'polls') : reactions.length ? 'reacts' : 'never';
  const label = kind === 'polls' ? `polls every ~${approxMs(periodMs ?? 0)} ms` : kind;
  let quietMs = 0;
  const end = trace.events.at(-1)?.t ?? 0;
  all.forEach((request, index) => {
    quietMs = Math.max(quietMs, (all[index + 1]?.event.t ?? end) - request.event.t);
  });
  return { kind, label, roles, reactions, polls, quietMs, ...(periodMs === undefined ? {} : { periodMs }) };
}

/**
 * For each re-list: whether it is its session's first, whether a list_changed may have prompted it, and the gap since
 * the re-list before it. Only the latest list_changed before a re-list matters (it is the nearest, and the one after
 * the previous re-list if any is), so one pass over both suffices.
 */
function causes(all: readonly ListRequest[], signals: readonly ChangeSignal[], windowMs: number) {
  const sessions = new Set<string>();
  let next = 0;
  let latest: ChangeSignal | undefined;
  return all.map((request, index) => {
    while (next < signals.length && (signals[next]?.seq ?? Infinity) < request.event.seq) latest = signals[next++];
    const previous = all[index - 1];
    const first = !sessions.has(request.session);
    sessions.add(request.session);
    const prompted = latest !== undefined &&
      (latest.seq > (previous?.event.seq ?? -1) || request.event.t - latest.t <= windowMs);
    return { request, first, prompted, gapMs: previous ? request.event.t - previous.event.t : 0 };
  });
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** One clause for a check's message: what the client does, with the period or the stretch that shows it. */
export function describeReaction(reaction: Reaction): string {
  const period = `~${approxMs(reaction.periodMs ?? 0)} ms`;
  switch (reaction.kind) {
    case 'reacts':
      return `it reacts; no re-list came on its own (it went ~${approxMs(reaction.quietMs)} ms without one: it polls no more often, if at all)`;
    case 'polls':
      return `it polls every ${period} (${count(reaction.polls.length, 're-list')} on its own schedule, none attributable to a notification)`;
    case 'both':
      return `it reacts, and also polls every ${period} (${count(reaction.polls.length, 'poll')} not counted)`;
    case 'never':
      return 'it never re-listed, on its own or after a notification';
  }
}

/** The classification as check measurements. */
export function reactionMeasurements(reaction: Reaction): Record<string, Measurement> {
  return {
    classification: reaction.label,
    pollPeriodMs: reaction.periodMs === undefined ? null : ms(reaction.periodMs),
    polls: reaction.polls.length,
    quietMs: ms(reaction.quietMs),
  };
}
