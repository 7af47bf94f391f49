import { z } from 'zod';
import { defineCheck, fail, notTestable, pass } from '../support/check.js';
import { changeMade, isVerdict as isChangeVerdict } from './helpers.js';
import { isVerdict, joined, noGetStream, type SseEvent, streamFacts, streamName } from './stream/stream-facts.js';

/** A message as reports name it: its method, or the answer to a request. */
const what = (event: SseEvent) => event.method ?? (event.response ? `answer to request ${JSON.stringify(event.messageId)}` : 'message');

export const serverNoBroadcast = defineCheck({
  id: 'server-no-broadcast',
  title: 'Sends each message on one stream only',
  description:
    'Streamable HTTP: session S, whose every SSE stream the harness reads, has its standalone GET stream open and calls ' +
    'the change tool, whose answer comes as an event stream; the server announces the change while both are open. Each ' +
    'message must come on one of the session\'s streams, never on two.',
  severity: 'MUST',
  specRefs: ['2025-11-25/basic/transports#multiple-connections'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const facts = streamFacts(trace);
    if (isVerdict(facts)) return facts;
    const noGet = noGetStream(facts, 'with one stream open at a time there is no second stream to broadcast on');
    if (noGet) return noGet;
    const change = changeMade(trace, 'tool');
    if (isChangeVerdict(change)) return change;
    // A message with an id is one message wherever it comes; a notification has none, so one change's window bounds it.
    const messages = facts.events.filter((event) => event.state === 'event' && event.digest !== undefined &&
      (event.messageId !== undefined || event.t >= change.requestedT));
    const announced = messages.filter((event) => event.messageId === undefined);
    if (announced.length === 0) {
      return notTestable(`the server sent session ${facts.probe} no notification while it made the change (see server-announces)`, { evidence: [change.seq] });
    }
    const byDigest = new Map<string, SseEvent[]>();
    for (const event of messages) byDigest.set(event.digest ?? '', [...(byDigest.get(event.digest ?? '') ?? []), event]);
    const broadcast = [...byDigest.values()].filter((copies) => new Set(copies.map((copy) => copy.stream)).size > 1);
    const first = broadcast[0];
    if (first?.[0]) {
      const streams = [...new Set(first.map((copy) => copy.stream))].map((stream) => streamName(facts, stream));
      const more = broadcast.length > 1 ? `; ${broadcast.length - 1} more message(s) were sent on several streams too` : '';
      return fail(`the same ${what(first[0])} was sent on ${streams.length} streams of session ${facts.probe}: ${joined(streams)}${more}`, {
        evidence: broadcast.flat().slice(0, 8).map((event) => event.seq),
        measurements: { broadcast: broadcast.length, messages: messages.length },
      });
    }
    // The call was in flight, its answer an event stream, while the announcement came: two streams open at once.
    const closedAt = (stream: number) => facts.events.find((event) => event.stream === stream && event.state === 'closed')?.t ?? Infinity;
    const call = [...facts.opened.values()].find((open) => open.via === 'POST' && open.state === 'opened' && Boolean(open.request?.includes('tools/call')) &&
      open.t >= change.requestedT);
    const both = call !== undefined && announced.some((note) => note.stream !== call.stream && note.t <= closedAt(call.stream));
    const where = [...new Set(announced.map((note) => `${what(note)} on ${streamName(facts, note.stream)}`))];
    const alongside = call && both ? `, while ${streamName(facts, call.stream)} was open too` : '';
    return pass(`session ${facts.probe} was sent each of its ${messages.length} message(s) on one of its ${facts.opened.size} streams only: ` +
      `${joined(where)}${alongside}`, {
      evidence: announced.slice(0, 4).map((event) => event.seq),
      measurements: { messages: messages.length, streams: facts.opened.size, concurrent: both },
    });
  },
});
