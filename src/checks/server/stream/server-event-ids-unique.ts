import { z } from 'zod';
import { defineCheck, fail, notTestable, pass } from '../../support/check.js';
import { isVerdict, joined, type SseEvent, streamFacts, streamName } from './stream-facts.js';

export const serverEventIdsUnique = defineCheck({
  id: 'server-event-ids-unique',
  title: 'Gives every SSE event an id of its own',
  description:
    'Streamable HTTP: session S, whose every SSE stream the harness reads (its initialize answer, its GET stream, the ' +
    'change tool\'s answer), records each event id. Where the server gives ids, no id may repeat across the session\'s ' +
    'streams: a client resuming with Last-Event-ID names one event, on one stream.',
  severity: 'MUST',
  specRefs: ['2025-11-25/basic/transports#resumability-and-redelivery'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const facts = streamFacts(trace);
    if (isVerdict(facts)) return facts;
    const withIds = facts.events.filter((event) => event.state === 'event' && event.eventId !== undefined);
    if (withIds.length === 0) {
      const streams = facts.events.filter((event) => event.state === 'opened').length;
      return notTestable(`the server gave no SSE event an id on session ${facts.probe}'s ${streams} stream(s) (it offers no ` +
        'resumption), so there is no id to be unique', { measurements: { streams } });
    }
    const seen = new Map<string, SseEvent[]>();
    for (const event of withIds) {
      const earlier = seen.get(event.eventId ?? '') ?? [];
      // A resumed stream replays an event under its own id: the same id, the same message, not a new event.
      const resumed = facts.opened.get(event.stream)?.lastEventId !== undefined;
      if (resumed && earlier.some((before) => before.digest === event.digest && before.stream !== event.stream)) continue;
      seen.set(event.eventId ?? '', [...earlier, event]);
    }
    const repeated = [...seen].filter(([, events]) => events.length > 1);
    const streams = new Set(withIds.map((event) => event.stream));
    const measurements = { ids: seen.size, streams: streams.size, repeated: repeated.length };
    const [first] = repeated;
    if (first) {
      const [id, events] = first;
      const streamsOf = [...new Set(events.map((event) => event.stream))].sort((a, b) => a - b);
      const where = streamsOf.map((stream) => streamName(facts, stream));
      const how = where.length > 1 ? `on ${joined(where)}` : `${events.length} times on ${where[0] ?? 'one stream'}`;
      const more = repeated.length > 1 ? `; ${repeated.length - 1} more id(s) repeated (${repeated.slice(1, 4).map(([each]) => JSON.stringify(each)).join(', ')})` : '';
      return fail(`SSE event id ${JSON.stringify(id)} was given ${how} of session ${facts.probe}${more}`, {
        evidence: repeated.flatMap(([, each]) => each).slice(0, 8).map((event) => event.seq),
        measurements,
      });
    }
    const one = streams.size === 1 ? ' (only one stream carried ids)' : '';
    return pass(`${seen.size} SSE event id(s) over ${streams.size} stream(s) of session ${facts.probe}, none repeated${one}`, {
      evidence: withIds.slice(0, 4).map((event) => event.seq),
      measurements,
    });
  },
});
