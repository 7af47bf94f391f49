import type { EventOf } from '../../../trace/events.js';
import type { Trace } from '../../../trace/trace.js';
import { ofKind } from '../../../trace/queries.js';
import { notTestable, type Verdict } from '../../support/check.js';

export type SseEvent = EventOf<'probe-sse'>;

/** What the server-streams scenario showed of session S's streams, read raw. */
export interface StreamFacts {
  probe: string;
  /** Every event on every stream, in order. */
  events: SseEvent[];
  /** Each stream's opening (or refusal), by its number. */
  opened: Map<number, SseEvent>;
  /** The first GET stream's answer: opened, or refused (with its status). */
  get?: SseEvent;
}

/** The facts, or the untested verdict saying why no stream was read. */
export function streamFacts(trace: Trace): StreamFacts | Verdict {
  const events = ofKind(trace, 'probe-sse');
  const first = events[0];
  if (!first) {
    const error = ofKind(trace, 'probe-error').find((event) => event.probe === 'S');
    if (error) return notTestable(error.message, { evidence: [error.seq] });
    return notTestable('no session\'s streams were read raw (the server-streams scenario stages that, on Streamable HTTP)');
  }
  const opened = new Map<number, SseEvent>();
  for (const event of events) if (event.state === 'opened' || event.state === 'refused') opened.set(event.stream, event);
  const get = events.find((event) => event.via === 'GET' && (event.state === 'opened' || event.state === 'refused'));
  return { probe: first.probe, events, opened, ...(get ? { get } : {}) };
}

export const isVerdict = (facts: StreamFacts | Verdict): facts is Verdict => 'status' in facts;

/** "the GET stream (#2)", "the tools/call stream (#3)", for messages. */
export function streamName(facts: StreamFacts, stream: number): string {
  const open = facts.opened.get(stream);
  if (open?.via === 'GET') return `the ${open.lastEventId === undefined ? '' : 'resumed '}GET stream (#${stream})`;
  return `the ${open?.request ?? 'POST'} stream (#${stream})`;
}

/** "a and b", "a, b and c". */
export function joined(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Whether the GET stream's refusal (or absence) leaves a verdict to give: with one stream at a time, nothing spans two. */
export function noGetStream(facts: StreamFacts, what: string): Verdict | undefined {
  const { get } = facts;
  if (get?.state === 'opened') return undefined;
  const why = get ? `the server answered session ${facts.probe}'s GET with HTTP ${get.status ?? '?'} (no standalone stream)` : `session ${facts.probe} never opened its GET stream`;
  return notTestable(`${why}: ${what}`, { evidence: get ? [get.seq] : [] });
}
