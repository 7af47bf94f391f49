import type { EventOf } from '../../../trace/events.js';
import type { Trace } from '../../../trace/trace.js';
import { ofKind } from '../../../trace/queries.js';
import { ms, notTestable, type Verdict } from '../../support/check.js';

type StreamEvent = EventOf<'probe-stream'>;

const isChange = (event: StreamEvent) => event.state === 'message' && Boolean(event.method?.endsWith('/list_changed'));

/** What the server-resume scenario showed of R's GET stream: told, dropped, re-opened with Last-Event-ID, and after. */
export interface ResumeFacts {
  dropped: StreamEvent;
  resumed: StreamEvent;
  /** The server's GET events carry ids (it keeps an event store). */
  hasIds: boolean;
  /** The change made while the stream was down, replayed on the resumed stream. */
  replayed?: StreamEvent;
  /** Answers to requests replayed on the resumed GET stream: another stream's messages. */
  foreign: StreamEvent[];
  /** A change made after the resume, on the resumed stream. */
  after?: StreamEvent;
  evidence: number[];
  measurements: Record<string, number | string>;
}

/** The facts both server-resume checks judge, or the untested verdict saying why the trace cannot show them. */
export function resumeFacts(trace: Trace): ResumeFacts | Verdict {
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
  const beforeDrop = (event: StreamEvent) => !dropped || event.seq < dropped.seq;
  const toldFirst = stream.find((event) => isChange(event) && event.t >= first.requestedT && beforeDrop(event));
  if (!toldFirst || !dropped) {
    const onPost = ofKind(trace, 'probe-notification').find((note) => note.probe === 'R' && note.t >= first.requestedT);
    if (onPost) {
      return notTestable('the server announces a change on the stream of the request that made it, not on the GET stream, so ' +
        'there is nothing to resume', { evidence: [first.seq, onPost.seq] });
    }
    const why = 'session R was not told of the first change on its GET stream, so there was nothing to resume from (see server-fanout)';
    return notTestable(why, { evidence: [first.seq] });
  }
  const resumed = stream.find((event) => event.seq > dropped.seq && (event.state === 'resumed' || event.state === 'refused'));
  const evidence = [toldFirst.seq, dropped.seq, down.seq];
  if (!resumed) return notTestable('the resume was never tried (the cell ended first)', { evidence });
  evidence.push(resumed.seq);
  const hasIds = toldFirst.eventId !== undefined;
  const replayed = stream.find((event) => isChange(event) && event.seq > resumed.seq && event.t < live.requestedT);
  // Answers to requests belong to those requests' own streams: a GET stream resumed from a GET event id must not get them.
  const foreign = stream.filter((event) => event.state === 'message' && event.response === true && event.seq > resumed.seq);
  const after = stream.find((event) => isChange(event) && event.t >= live.requestedT);
  if (replayed) evidence.push(replayed.seq);
  if (after) evidence.push(after.seq);
  const measurements: Record<string, number | string> = { resumable: hasIds ? 'yes' : 'no', replayed: replayed ? 'yes' : 'no' };
  if (replayed) measurements.replayMs = ms(replayed.t - resumed.t);
  const seen = { ...(replayed ? { replayed } : {}), ...(after ? { after } : {}) };
  return { dropped, resumed, hasIds, foreign, evidence, measurements, ...seen };
}

/** True when the trace could not show the facts. */
export const isVerdict = (facts: ResumeFacts | Verdict): facts is Verdict => 'status' in facts;
