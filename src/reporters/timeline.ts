import type { TraceEvent } from '../trace/events.js';
import { CHANGED_METHOD, LIST_METHOD } from '../model/words.js';
import { forHtml } from './sanitize.js';

/** One lane of the timeline: what a row of marks stands for. */
const LANES = ['steps', 'changes', 'notifications', 'list requests', 'lists served', 'view reports', 'target'] as const;
type Lane = (typeof LANES)[number];

interface Mark {
  lane: Lane;
  t: number;
  label: string;
  kind: 'dot' | 'hollow' | 'tri' | 'square' | 'cross' | 'tick';
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
        if (e.phase === 'start') marks.push({ lane: 'steps', t: e.t, label: `${e.index}: ${e.op} (${at})`, kind: 'tick', tone: 'neutral' });
        break;
      case 'catalogue-mutated':
        marks.push({ lane: 'changes', t: e.t, label: `${e.op} ${e.item} ${e.key} → revision ${e.revision} (${at})`, kind: 'dot', tone: 'accent' });
        break;
      case 'notification':
        if (CHANGED_METHODS.has(e.method) || e.method === 'notifications/resources/updated') {
          const how = e.delivered ? `delivered on ${e.stream ?? '?'}` : `NOT delivered: ${e.reason ?? '?'}`;
          marks.push({ lane: 'notifications', t: e.t, label: `${e.method} ${how} (${at})`, kind: e.delivered ? 'dot' : 'hollow', tone: e.delivered ? 'ok' : 'bad' });
        }
        break;
      case 'frame-received': {
        const method = methodOf(e);
        if (method && LIST_METHODS.has(method)) {
          const cursor = (e.message as { params?: { cursor?: string } }).params?.cursor;
          marks.push({ lane: 'list requests', t: e.t, label: `${method}${cursor ? ` cursor ${cursor}` : ' (page 1)'} (${at})`, kind: 'tri', tone: cursor ? 'neutral' : 'accent' });
        } else if (method === 'initialize') {
          marks.push({ lane: 'target', t: e.t, label: `initialize (${at})`, kind: 'tick', tone: 'neutral' });
        }
        break;
      }
      case 'list-served':
        marks.push({ lane: 'lists served', t: e.t, label: `${e.method} revision ${e.revision}: ${e.keys.join(', ')}${e.nextCursor ? ' (more pages)' : ''} (${at})`, kind: 'square', tone: 'neutral' });
        break;
      case 'target-view':
        marks.push({ lane: 'view reports', t: e.t, label: `${e.list}: ${e.names.join(', ')} (${at})`, kind: 'square', tone: 'accent' });
        break;
      case 'response-held':
      case 'response-released':
        marks.push({ lane: 'lists served', t: e.t, label: `${e.kind === 'response-held' ? 'held' : 'released'} ${e.method} #${String(e.requestId)} (${at})`, kind: 'tick', tone: 'bad' });
        break;
      case 'fault':
        marks.push({ lane: 'changes', t: e.t, label: `fault ${e.fault}${e.detail ? ` ${e.detail}` : ''} (${at})`, kind: 'cross', tone: 'bad' });
        break;
      case 'http-rejected':
        marks.push({ lane: 'target', t: e.t, label: `${e.method} answered ${e.status}: ${e.reason} (${at})`, kind: 'cross', tone: 'bad' });
        break;
      case 'target-exited':
        marks.push({ lane: 'target', t: e.t, label: `target ${e.expected ? 'ended' : 'DIED'} (code ${e.code ?? '-'}, signal ${e.signal ?? '-'}) (${at})`, kind: 'cross', tone: e.expected ? 'neutral' : 'bad' });
        break;
      case 'session-initialized':
        marks.push({ lane: 'target', t: e.t, label: `session ${e.session.slice(0, 8)} initialized (${at})`, kind: 'dot', tone: 'ok' });
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
  }
}

/** An SVG timeline of one trace: a lane per kind of fact, a mark per event, details on hover. */
export function timelineSvg(events: readonly TraceEvent[]): string {
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
  const drawn = marks.map((mark) => shape(mark, scale(mark.t), 12 + LANES.indexOf(mark.lane) * LANE_H + LANE_H / 2));
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="timeline">${ticks.join('')}${rows.join('')}${drawn.join('')}</svg>`;
}

function niceStep(span: number): number {
  const raw = span / 10;
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [1, 2, 5, 10].map((m) => m * power);
  return candidates.find((c) => c >= raw) ?? raw;
}
