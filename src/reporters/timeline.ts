import type { TraceEvent } from '../trace/events.js';
import { CHANGED_METHOD, LIST_METHOD } from '../model/words.js';
import { forHtml } from './sanitize.js';

/** One lane of the timeline: what a row of marks stands for. */
const LANES = [
  'steps', 'changes', 'notifications', 'listen stream', 'list requests', 'lists served', 'view reports', 'probe lists', 'GET stream', 'target',
] as const;
type Lane = (typeof LANES)[number];

export interface Mark {
  lane: Lane;
  seq: number;
  t: number;
  label: string;
  kind: 'dot' | 'hollow' | 'tri' | 'square' | 'cross' | 'tick' | 'stop';
  tone: 'ok' | 'bad' | 'neutral' | 'accent';
}

const esc = forHtml;

const LIST_METHODS = new Set(Object.values(LIST_METHOD));
const CHANGED_METHODS = new Set(Object.values(CHANGED_METHOD));

function methodOf(event: TraceEvent): string | undefined {
  return 'message' in event ? (event.message as { method?: string } | undefined)?.method : undefined;
}

/** The marks a trace gives the timeline. */
export function marksOf(events: readonly TraceEvent[]): Mark[] {
  const marks: Mark[] = [];
  for (const e of events) {
    const at = `t=${e.t.toFixed(1)} ms · seq ${e.seq}`;
    switch (e.kind) {
      case 'step':
        if (e.phase === 'start') marks.push({ lane: 'steps', seq: e.seq, t: e.t, label: `${e.index}: ${e.op} (${at})`, kind: 'tick', tone: 'neutral' });
        break;
      case 'catalogue-mutated':
        marks.push({ lane: 'changes', seq: e.seq, t: e.t, label: `${e.op} ${e.item} ${e.key} → revision ${e.revision} (${at})`, kind: 'dot', tone: 'accent' });
        break;
      case 'notification':
        if (CHANGED_METHODS.has(e.method) || e.method === 'notifications/resources/updated') {
          const how = e.delivered ? `delivered on ${e.stream ?? '?'}` : `NOT delivered: ${e.reason ?? '?'}`;
          marks.push({ lane: 'notifications', seq: e.seq, t: e.t, label: `${e.method} ${how} (${at})`, kind: e.delivered ? 'dot' : 'hollow', tone: e.delivered ? 'ok' : 'bad' });
        }
        break;
      case 'frame-received': {
        const method = methodOf(e);
        if (method && LIST_METHODS.has(method)) {
          const cursor = (e.message as { params?: { cursor?: string } }).params?.cursor;
          marks.push({ lane: 'list requests', seq: e.seq, t: e.t, label: `${method}${cursor ? ` cursor ${cursor}` : ' (page 1)'} (${at})`, kind: 'tri', tone: cursor ? 'neutral' : 'accent' });
        } else if (method === 'initialize' || method === 'server/discover') {
          marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `${method} (${at})`, kind: 'tick', tone: 'neutral' });
        }
        break;
      }
      // 2026-07-28: the listen stream's life: opened with a filter, acknowledged, closed by either side.
      case 'listen-opened':
        marks.push({
          lane: 'listen stream', seq: e.seq, t: e.t, kind: 'tick', tone: 'neutral',
          label: `listen ${e.subscription} opened for ${e.requested.join(', ') || 'nothing'}; honoured: ${e.honoured.join(', ') || 'nothing'} (${at})`,
        });
        break;
      case 'listen-acknowledged':
        marks.push({ lane: 'listen stream', seq: e.seq, t: e.t, label: `listen ${e.subscription} acknowledged (${at})`, kind: 'dot', tone: e.delivered ? 'ok' : 'bad' });
        break;
      case 'probe-listen':
        // Gateway mode, 2026-07-28 downstream: the probe's own listen stream on the gateway.
        marks.push({
          lane: 'listen stream', seq: e.seq, t: e.t, kind: e.state === 'ended' ? 'cross' : 'dot', tone: e.state === 'ended' ? 'bad' : 'ok',
          label: `the probe's listen stream downstream ${e.state}: ${e.detail} (${at})`,
        });
        break;
      // Gateway and server mode: what the probe sessions were told and shown, the server's changes, session R's stream.
      case 'probe-notification': {
        const stamp = e.subscription === undefined ? '' : ` on listen ${JSON.stringify(e.subscription)}`;
        marks.push({ lane: 'notifications', seq: e.seq, t: e.t, label: `${e.probe ? `${e.probe} ` : 'probe '}got ${e.method}${stamp} (${at})`, kind: 'dot', tone: 'ok' });
        break;
      }
      case 'probe-list':
        marks.push({
          lane: 'probe lists', seq: e.seq, t: e.t, kind: 'square', tone: e.reason === 'notification' ? 'accent' : 'neutral',
          label: `${e.probe ? `${e.probe} ` : 'probe '}listed ${e.list} (${e.reason}): ${e.names.join(', ')} (${at})`,
        });
        break;
      case 'server-change':
        marks.push({
          lane: 'changes', seq: e.seq, t: e.t, kind: e.ok ? 'dot' : 'cross', tone: e.ok ? 'accent' : 'bad',
          label: `the server was changed (${e.via}${e.probe ? `, by ${e.probe}` : ''}): ${e.detail} (${at})`,
        });
        break;
      case 'probe-stream': {
        const bad = e.state === 'refused' || e.response === true;
        const what = e.state === 'message'
          ? `${e.method ?? (e.response ? 'an answer to a request' : 'a message')}${e.eventId === undefined ? ' (no event id)' : ` id ${e.eventId}`}`
          : `${e.state}${e.lastEventId === undefined ? '' : ` (Last-Event-ID ${e.lastEventId})`}${e.status === undefined ? '' : ` HTTP ${e.status}`}`;
        marks.push({ lane: 'GET stream', seq: e.seq, t: e.t, label: `${e.probe}'s GET stream: ${what} (${at})`, kind: e.state === 'message' ? 'dot' : 'tick', tone: bad ? 'bad' : 'neutral' });
        break;
      }
      case 'listen-closed':
        marks.push({
          lane: 'listen stream', seq: e.seq, t: e.t, kind: e.by === 'server' ? 'cross' : 'stop', tone: e.by === 'server' ? 'bad' : 'neutral',
          label: `listen ${e.subscription} closed by the ${e.by}: ${e.reason} (${at})`,
        });
        break;
      case 'list-served':
        marks.push({ lane: 'lists served', seq: e.seq, t: e.t, label: `${e.method} revision ${e.revision}: ${e.keys.join(', ')}${e.nextCursor ? ' (more pages)' : ''} (${at})`, kind: 'square', tone: 'neutral' });
        break;
      case 'target-view':
        marks.push({ lane: 'view reports', seq: e.seq, t: e.t, label: `${e.list}: ${e.names.join(', ')} (${at})`, kind: 'square', tone: 'accent' });
        break;
      case 'response-held':
      case 'response-released':
        marks.push({ lane: 'lists served', seq: e.seq, t: e.t, label: `${e.kind === 'response-held' ? 'held' : 'released'} ${e.method} #${String(e.requestId)} (${at})`, kind: 'tick', tone: 'bad' });
        break;
      case 'fault':
        marks.push({ lane: 'changes', seq: e.seq, t: e.t, label: `fault ${e.fault}${e.detail ? ` ${e.detail}` : ''} (${at})`, kind: 'cross', tone: 'bad' });
        break;
      case 'http-rejected':
        marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `${e.method} answered ${e.status}: ${e.reason} (${at})`, kind: 'cross', tone: 'bad' });
        break;
      case 'target-exited':
        // The harness ending the target at the cell's end is not a crash: a different mark, in grey.
        if (e.expected) marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `target ended by the harness at the cell's end (${at})`, kind: 'stop', tone: 'neutral' });
        else marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `target DIED by itself (code ${e.code ?? '-'}, signal ${e.signal ?? '-'}) (${at})`, kind: 'cross', tone: 'bad' });
        break;
      case 'target-output':
        marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `target said: ${e.lines.slice(-2).join(' | ')} (${at})`, kind: 'tick', tone: 'bad' });
        break;
      case 'target-leftover':
        marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `left running: ${e.pid} ${e.command} (${at})`, kind: 'cross', tone: 'bad' });
        break;
      case 'session-initialized':
        marks.push({ lane: 'target', seq: e.seq, t: e.t, label: `session ${e.session.slice(0, 8)} initialized (${at})`, kind: 'dot', tone: 'ok' });
        break;
      default:
        break;
    }
  }
  return marks;
}

const TONE: Record<Mark['tone'], string> = { ok: '#1a7f37', bad: '#cf222e', neutral: '#57606a', accent: '#0969da' };
const LANE_H = 22;
const LEFT = 110;
const WIDTH = 1100;

function shape(mark: Mark, x: number, y: number): string {
  const colour = TONE[mark.tone];
  const title = `<title>${esc(mark.label)}</title>`;
  switch (mark.kind) {
    case 'dot':
      return `<circle cx="${x}" cy="${y}" r="4" fill="${colour}">${title}</circle>`;
    case 'hollow':
      return `<circle cx="${x}" cy="${y}" r="4" fill="white" stroke="${colour}" stroke-width="2">${title}</circle>`;
    case 'tri':
      return `<path d="M${x} ${y - 5} L${x + 5} ${y + 4} L${x - 5} ${y + 4} Z" fill="${colour}">${title}</path>`;
    case 'square':
      return `<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="${colour}">${title}</rect>`;
    case 'cross':
      return `<path d="M${x - 4} ${y - 4} L${x + 4} ${y + 4} M${x + 4} ${y - 4} L${x - 4} ${y + 4}" stroke="${colour}" stroke-width="2">${title}</path>`;
    case 'tick':
      return `<line x1="${x}" y1="${y - 7}" x2="${x}" y2="${y + 7}" stroke="${colour}" stroke-width="2">${title}</line>`;
    case 'stop':
      return `<path d="M${x - 1} ${y - 6} L${x - 1} ${y + 6} M${x - 1} ${y} L${x + 6} ${y}" stroke="${colour}" stroke-width="2" fill="none">${title}</path>`;
  }
}

/** A failed check's evidence, to be drawn on the timeline: the seqs it cites and a one-line annotation. */
export interface Highlight {
  check: string;
  note: string;
  seqs: readonly number[];
}

/** The longest annotation drawn on the timeline; the full message is in the table under it. */
const NOTE_CHARS = 110;

/**
 * An SVG timeline of one trace: a lane per kind of fact, a mark per event (details on hover and in the evidence
 * table), and each failed check's evidence ringed in red with its annotation.
 */
export function timelineSvg(events: readonly TraceEvent[], highlights: readonly Highlight[] = []): string {
  const marks = marksOf(events);
  const end = Math.max(1, ...events.map((e) => e.t));
  const scale = (t: number) => LEFT + (t / end) * (WIDTH - LEFT - 10);
  const height = LANES.length * LANE_H + 24;
  const rows = LANES.map((lane, i) => {
    const y = 12 + i * LANE_H + LANE_H / 2;
    return `<text x="4" y="${y + 4}" class="lane">${lane}</text><line x1="${LEFT}" y1="${y}" x2="${WIDTH - 10}" y2="${y}" class="rule"/>`;
  });
  const ticks: string[] = [];
  const step = niceStep(end);
  for (let t = 0; t <= end; t += step) {
    const x = scale(t);
    ticks.push(`<line x1="${x}" y1="6" x2="${x}" y2="${height - 16}" class="grid"/><text x="${x}" y="${height - 4}" class="tick">${t >= 1000 ? `${(t / 1000).toFixed(1)}s` : `${t}ms`}</text>`);
  }
  const yOf = (mark: Mark) => 12 + LANES.indexOf(mark.lane) * LANE_H + LANE_H / 2;
  const drawn = marks.map((mark) => shape(mark, scale(mark.t), yOf(mark)));
  const rings: string[] = [];
  const notes: string[] = [];
  for (const [index, highlight] of highlights.entries()) {
    const cited = marks.filter((mark) => highlight.seqs.includes(mark.seq));
    for (const mark of cited) {
      rings.push(`<circle class="evidence" data-check="${esc(highlight.check)}" data-seq="${mark.seq}" cx="${scale(mark.t)}" cy="${yOf(mark)}" r="8"/>`);
    }
    const note = highlight.note.length > NOTE_CHARS ? `${highlight.note.slice(0, NOTE_CHARS - 1)}…` : highlight.note;
    notes.push(`<text class="note" x="${LEFT}" y="${height + 14 + index * 16}">${esc(`✗ ${highlight.check}: ${note}`)}</text>`);
  }
  const total = height + (notes.length ? notes.length * 16 + 10 : 0);
  return (
    `<svg viewBox="0 0 ${WIDTH} ${total}" width="100%" role="img" aria-label="timeline">${ticks.join('')}${rows.join('')}` +
    `${rings.join('')}${drawn.join('')}${notes.join('')}</svg>`
  );
}

function niceStep(span: number): number {
  const raw = span / 10;
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [1, 2, 5, 10].map((m) => m * power);
  return candidates.find((c) => c >= raw) ?? raw;
}
