import { z } from 'zod';
import type { EventOf } from '../../trace/events.js';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, info, ms, notTestable, pass } from '../types.js';

type StreamEvent = EventOf<'probe-stream'>;

const isChange = (event: StreamEvent) => event.state === 'message' && Boolean(event.method?.endsWith('/list_changed'));

export const serverResume = defineCheck({
  id: 'server-resume',
  title: 'Replays what a dropped GET stream missed',
  description:
    'Session R is told of a change on its GET stream; the harness drops the stream, changes the server, and re-opens it ' +
    'with Last-Event-ID. A server whose events carry ids (an event store) offers resumption, and must replay the ' +
    'list_changed sent while the stream was down on that stream, and keep the resumed stream live. A server without ' +
    'ids offers none: what it does is reported as a measurement (the change is lost to any client whose stream dropped).',
  severity: 'SHOULD',
  specRefs: ['2025-11-25/basic/transports#resumability-and-redelivery'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const stream = ofKind(trace, 'probe-stream');
    const changes = ofKind(trace, 'server-change').filter((event) => event.via === 'tool');
    const opened = stream.find((event) => event.state === 'opened');
    if (!opened) {
      const refused = stream.find((event) => event.state === 'refused');
      if (refused) return notTestable(`session R's GET stream was refused (HTTP ${refused.status ?? '?'}${refused.detail ? `: ${refused.detail}` : ''})`, { evidence: [refused.seq] });
      return notTestable('session R never opened a GET stream (see target-connects)');
    }
    const [first, down, live] = changes;
    if (!first || !down || !live || changes.some((change) => !change.ok)) {
      const failed = changes.find((change) => !change.ok);
      return notTestable(`the scenario needs three changes through --change-tool${failed ? `: ${failed.detail}` : ''}`, { evidence: failed ? [failed.seq] : [] });
    }
    const dropped = stream.find((event) => event.state === 'dropped');
    const toldFirst = stream.find((event) =>
      isChange(event) && event.t >= first.requestedT && (!dropped || event.seq < dropped.seq));
    if (!toldFirst || !dropped) {
      const onPost = ofKind(trace, 'probe-notification').find((note) => note.probe === 'R' && note.t >= first.requestedT);
      if (onPost) {
        return notTestable('the server announces a change on the stream of the request that made it, not on the GET stream, so ' +
          'there is nothing to resume', { evidence: [first.seq, onPost.seq] });
      }
      return notTestable('session R was not told of the first change on its GET stream, so there was nothing to resume from (see server-fanout)', {
        evidence: [first.seq],
      });
    }
    const resumed = stream.find((event) => event.seq > dropped.seq && (event.state === 'resumed' || event.state === 'refused'));
    const evidence = [toldFirst.seq, dropped.seq, down.seq];
    const hasIds = toldFirst.eventId !== undefined;
    if (!resumed) return notTestable('the resume was never tried (the cell ended first)', { evidence });
    evidence.push(resumed.seq);
    if (resumed.state === 'refused') {
      const why = `HTTP ${resumed.status ?? '?'}${resumed.detail ? ` (${resumed.detail})` : ''}`;
      if (!hasIds) return info(`the server's GET events carry no ids, and a new GET after the drop was refused: ${why}`, { evidence, measurements: { resumable: 'no' } });
      return fail(`re-opening the GET stream with Last-Event-ID ${JSON.stringify(dropped.lastEventId)} was refused: ${why}`, { evidence });
    }
    const replayed = stream.find((event) => isChange(event) && event.seq > resumed.seq && event.t < live.requestedT);
    // Answers to requests belong to those requests' own streams: a GET stream resumed from a GET event id must not get them.
    const foreign = stream.filter((event) => event.state === 'message' && event.response === true && event.seq > resumed.seq);
    const after = stream.find((event) => isChange(event) && event.t >= live.requestedT);
    if (replayed) evidence.push(replayed.seq);
    if (after) evidence.push(after.seq);
    const measurements: Record<string, number | string> = { resumable: hasIds ? 'yes' : 'no', replayed: replayed ? 'yes' : 'no' };
    if (replayed) measurements.replayMs = ms(replayed.t - resumed.t);
    if (!hasIds) {
      const missed = replayed ? 'was still delivered on the new stream' : 'was lost';
      return info(`the server's GET events carry no ids (no event store), so it offers no resumption: the change made while the stream ` +
        `was down ${missed}${after ? '' : ', and the new stream got no later change either'}`, { evidence, measurements });
    }
    if (foreign.length) {
      evidence.push(...foreign.slice(0, 3).map((event) => event.seq));
      const missing = [replayed ? '' : 'not the change made while the stream was down', after ? '' : 'no later change reached it'].filter(Boolean);
      const tail = missing.length ? `; and ${missing.join(', and ')}` : '';
      return fail(`re-opening the GET stream with Last-Event-ID ${JSON.stringify(dropped.lastEventId)} replayed ${foreign.length} answer(s) to ` +
        `requests, which belong to those requests' own streams (a server must not replay another stream's messages)${tail}`, { evidence, measurements });
    }
    if (!replayed) {
      return fail(`its GET events carry ids, but the change made while the stream was down was not replayed after re-opening with ` +
        `Last-Event-ID ${JSON.stringify(dropped.lastEventId)}, so a client whose stream drops misses it for good (a server on the ` +
        `SDK's example InMemoryEventStore behaves so: it replays nothing on the GET stream)${after ? '' : '; and the resumed stream got no later change either'}`, { evidence, measurements });
    }
    if (!after) {
      return fail('the change made while the stream was down was replayed, but the resumed stream got no later change: it is not the ' +
        'session\'s live stream', { evidence, measurements });
    }
    return pass(`the change made while the stream was down was replayed ${measurements.replayMs} ms after re-opening with Last-Event-ID ` +
      `${JSON.stringify(dropped.lastEventId)}, and the resumed stream stayed live`, { evidence, measurements });
  },
});
