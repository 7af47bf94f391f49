import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const before = ['alpha', 'beta'];
const after = [...before, 'added-1'];
const TOOLS_CHANGED = 'notifications/tools/list_changed';

/** Sessions connect and list; A's call of the change tool adds a tool; then each session is told (or not) and lists. */
function serverTrace(options: {
  sessions?: string[];
  /** Sessions sent list_changed, and how long after the call. */
  told?: Record<string, number>;
  /** Sessions whose last list still lacks the change (each with its own catalogue). */
  stale?: string[];
  /** Sessions with no standalone GET stream. */
  noStream?: string[];
  change?: { ok: boolean; detail: string } | 'none';
  listsAfter?: boolean;
  /** How the change was made (default: A's tool call). */
  via?: 'tool' | 'command';
  /** What each told session's list on the notification showed (default: the change). */
  prompt?: Record<string, string[]>;
  /** The lists the server advertises listChanged for (default: tools). */
  announces?: ('tools' | 'resources' | 'prompts')[];
  /** The notification's method (default: tools list_changed). */
  method?: string;
  /** A 2026-07-28 cell. */
  modern?: boolean;
}) {
  const sessions = options.sessions ?? ['A'];
  const b = new TraceBuilder().withChecks('server-announces', 'server-fanout');
  if (options.modern) b.modern();
  for (const probe of sessions) {
    b.push({
      kind: 'probe-connected', attempt: 1, probe, announces: options.announces ?? ['tools'],
      ...(options.noStream?.includes(probe) ? { standalone: false } : {}),
    });
  }
  for (const probe of sessions) b.wait(2).push({ kind: 'probe-list', list: 'tools', reason: 'initial', requestedT: 0, names: before, keys: before, probe });
  b.wait(10);
  const requestedT = 12 + 2 * (sessions.length - 1);
  if (options.change !== 'none') {
    const change = options.change ?? { ok: true, detail: 'called change_catalogue' };
    for (const [probe, delay] of Object.entries(options.told ?? {}).sort((x, y) => x[1] - y[1])) {
      b.at(requestedT + delay).push({ kind: 'probe-notification', method: options.method ?? TOOLS_CHANGED, probe });
      const names = options.prompt?.[probe] ?? after;
      b.wait(1).push({ kind: 'probe-list', list: 'tools', reason: 'notification', requestedT: requestedT + delay, names, keys: names, probe });
    }
    const via = options.via ?? 'tool';
    b.wait(1).push({ kind: 'server-change', via, requestedT, ok: change.ok, detail: change.detail, ...(via === 'tool' ? { probe: 'A' } : {}) });
  }
  if (options.listsAfter !== false) {
    for (const probe of sessions) {
      const names = options.stale?.includes(probe) ? before : after;
      b.wait(5).push({ kind: 'probe-list', list: 'tools', reason: 'final', requestedT: b.build().events.at(-1)?.t ?? 0, names, keys: names, probe });
    }
  }
  return b.build();
}

describe('server-announces', () => {
  it('passes when the session that made the change is told and its list shows it', () => {
    const result = evaluateCheck('server-announces', serverTrace({ told: { A: 3 } }));
    expect(result.status, result.message).toBe('pass');
    expect(result.message).toBe('session A was told 3 ms after its call added [added-1], and its list shows it');
    expect(result.measurements).toEqual({ announceMs: 3 });
  });
  it('fails when the session is never told', () => {
    expect(evaluateCheck('server-announces', serverTrace({}))).toMatchObject({
      status: 'fail', severity: 'SHOULD', message: 'session A\'s call added [added-1] (its list shows it) but it was never sent tools/list_changed',
    });
  });
  it('fails when the announcement comes past the bound', () => {
    const result = evaluateCheck('server-announces', serverTrace({ told: { A: 1_500 } }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/told 1500 ms after its call .* past the 1000 ms bound/);
  });
  it('is not testable, naming the flag, when no change tool was given', () => {
    const result = evaluateCheck('server-announces', serverTrace({ change: { ok: false, detail: 'no --change-tool was given' } }));
    expect(result.status).toBe('untested');
    expect(result.message).toBe('no --change-tool was given: pass --change-tool <name> (a tool on the server whose call changes a list)');
  });
  it('is not testable when the change tool changed nothing', () => {
    const result = evaluateCheck('server-announces', serverTrace({ told: { A: 3 }, stale: ['A'] }));
    expect(result.message).toMatch(
      /^session A's lists are the same before and after called change_catalogue: make --change-tool change a list$/,
    );
  });
});

describe('server-fanout', () => {
  const three = ['A', 'B', 'C'];
  it('passes when every session is told', () => {
    const result = evaluateCheck('server-fanout', serverTrace({ sessions: three, told: { A: 2, B: 3, C: 4 } }));
    expect(result.status, result.message).toBe('pass');
    expect(result.measurements).toEqual({ announceBMs: 3, announceCMs: 4 });
  });
  it('reports a session with no GET stream as lost by design, not as a server bug', () => {
    const result = evaluateCheck('server-fanout', serverTrace({ sessions: three, told: { A: 2, B: 3 }, noStream: ['C'] }));
    expect(result.status).toBe('pass');
    expect(result.message).toMatch(/\[C\] opened no standalone GET stream, so nothing could reach it unasked \(lost by design\)/);
  });
  it('fails when only the session that asked is told (a server instance per session)', () => {
    const result = evaluateCheck('server-fanout', serverTrace({ sessions: three, told: { A: 2 }, noStream: ['C'] }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/^session\(s\) \[B\] were never sent tools\/list_changed after A's change, though/);
  });
  it('reports a change the other sessions never see as per-session state (info), not a fan-out fault', () => {
    const result = evaluateCheck('server-fanout', serverTrace({ sessions: three, told: { A: 2 }, stale: ['B', 'C'] }));
    expect(result.status).toBe('info');
    expect(result.message).toMatch(/^the change made through A is scoped to that session: \[B, C\] do not see it/);
  });
  it('fails, as the MUST NOT of 2026-07-28, a list that varies per connection', () => {
    const result = evaluateCheck('server-fanout', serverTrace({ sessions: three, told: { A: 2 }, stale: ['B', 'C'], modern: true }));
    expect(result).toMatchObject({ status: 'fail', severity: 'MUST', revision: '2026-07-28', clause: { keyword: 'MUST NOT', quote: expect.stringContaining('MUST NOT vary per-connection') } });
    expect(result.message).toBe('the change made through A shows in its own lists but not in [B, C]\'s: the list varies per connection');
  });
  it('is not testable with one session (stdio)', () => {
    expect(evaluateCheck('server-fanout', serverTrace({ told: { A: 2 } }))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^only one session connected/) });
  });
});

describe('server-update-before-notify', () => {
  it('passes when the list asked for on the notification already shows the change', () => {
    const result = evaluateCheck('server-update-before-notify', serverTrace({ sessions: ['A', 'B'], told: { A: 2, B: 3 } }));
    expect(result.status, result.message).toBe('pass');
  });
  it('fails when that list does not show the change yet', () => {
    const trace = serverTrace({ sessions: ['A', 'B'], told: { A: 2, B: 3 }, prompt: { B: before } });
    const result = evaluateCheck('server-update-before-notify', trace);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/did not show the change yet \(added \[added-1\]\) for B \(listed 0 ms after being told\)/);
  });
  it('is not testable when nobody was told', () => {
    expect(evaluateCheck('server-update-before-notify', serverTrace({}))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no session was told/) });
  });
});

describe('server-capability', () => {
  it('passes when every announced list is advertised', () => {
    expect(evaluateCheck('server-capability', serverTrace({ told: { A: 2 } })).status).toBe('pass');
  });
  it('fails when it announces a list it does not advertise', () => {
    const result = evaluateCheck('server-capability', serverTrace({ told: { A: 2 }, announces: [] }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('it announced changes to [tools] without advertising listChanged for it (it advertises [])');
  });
  it('is not testable when nothing was announced', () => {
    expect(evaluateCheck('server-capability', serverTrace({}))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the server announced no list change/) });
  });
});

describe('server-background', () => {
  const command = { ok: true, detail: 'ran touch /tmp/change' };
  it('passes when every reachable session is told of a change made outside any request', () => {
    const trace = serverTrace({ sessions: ['A', 'B', 'C'], via: 'command', change: command, told: { A: 4, B: 6 }, noStream: ['C'] });
    const result = evaluateCheck('server-background', trace);
    expect(result.status, result.message).toBe('pass');
    expect(result.message).toMatch(/\[C\] opened no standalone GET stream \(lost by design\)$/);
  });
  it('fails when a session is never told', () => {
    const result = evaluateCheck('server-background', serverTrace({ sessions: ['A', 'B'], via: 'command', change: command }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('session(s) [A, B] were never sent tools/list_changed after ran touch /tmp/change, though the lists show it');
  });
  it('is not testable, naming the flag, without --change-cmd', () => {
    const result = evaluateCheck('server-background', serverTrace({ via: 'command', change: { ok: false, detail: 'no --change-cmd was given' } }));
    expect(result).toMatchObject({ status: 'untested', message: expect.stringMatching(/^no --change-cmd was given: pass --change-cmd/) });
  });
});

describe('server checks read whichever list the change touched', () => {
  /** A's call adds a resource; A is told with resources/list_changed (or tools/list_changed) and lists again. */
  function resourceTrace(method: string) {
    const uris = ['file:///a'];
    const more = [...uris, 'file:///b'];
    const b = new TraceBuilder().withChecks('server-announces');
    b.push({ kind: 'probe-connected', attempt: 1, probe: 'A', announces: ['tools', 'resources'] });
    b.wait(1).push({ kind: 'probe-list', list: 'tools', reason: 'initial', requestedT: 0, names: before, keys: before, probe: 'A' });
    b.wait(1).push({ kind: 'probe-list', list: 'resources', reason: 'initial', requestedT: 1, names: uris, keys: uris, probe: 'A' });
    b.at(10).push({ kind: 'probe-notification', method, probe: 'A' });
    b.wait(1).push({ kind: 'server-change', via: 'tool', requestedT: 8, ok: true, detail: 'called add_resource', probe: 'A' });
    b.wait(1).push({ kind: 'probe-list', list: 'tools', reason: 'final', requestedT: 12, names: before, keys: before, probe: 'A' });
    b.wait(1).push({ kind: 'probe-list', list: 'resources', reason: 'final', requestedT: 13, names: more, keys: more, probe: 'A' });
    return b.build();
  }
  it('passes a resource change announced with resources/list_changed', () => {
    const result = evaluateCheck('server-announces', resourceTrace('notifications/resources/list_changed'));
    expect(result.status, result.message).toBe('pass');
    expect(result.message).toBe('session A was told 2 ms after its call added resources [file:///b], and its list shows it');
  });
  it('fails a resource change announced only as a tools change', () => {
    const result = evaluateCheck('server-announces', resourceTrace('notifications/tools/list_changed'));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('session A\'s call added resources [file:///b] (its list shows it) but it was never sent resources/list_changed');
  });
});

describe('server-storm', () => {
  /** A makes `changes` changes 2 ms apart; each session is told at the given times (ms from the first change). */
  type StormOptions = { changes?: number; failAt?: number; noStream?: string[]; lost?: string[] };
  function stormTrace(told: Record<string, number[]>, options: StormOptions = {}) {
    const sessions = Object.keys(told);
    const b = new TraceBuilder().withChecks('server-storm');
    for (const probe of sessions) {
      b.push({ kind: 'probe-connected', attempt: 1, probe, ...(options.noStream?.includes(probe) ? { standalone: false } : {}) });
    }
    for (const probe of sessions) b.wait(1).push({ kind: 'probe-list', list: 'tools', reason: 'initial', requestedT: 0, names: before, keys: before, probe });
    const start = 20;
    const count = options.changes ?? 3;
    const events: { t: number; push: () => void }[] = [];
    for (let index = 0; index < count; index += 1) {
      const ok = options.failAt !== index;
      const requestedT = start + 2 * index;
      const detail = ok ? 'called change_catalogue' : 'change_catalogue failed: exists';
      events.push({ t: requestedT + 1, push: () => b.push({ kind: 'server-change', via: 'tool', requestedT, ok, detail, probe: 'A' }) });
    }
    for (const [probe, times] of Object.entries(told)) {
      for (const t of times) events.push({ t: start + t, push: () => b.push({ kind: 'probe-notification', method: TOOLS_CHANGED, probe }) });
    }
    for (const probe of options.lost ?? []) {
      const message = 'tools list failed: Error POSTing to endpoint (HTTP 404): Session not found: 8e18';
      events.push({ t: start + 3, push: () => b.push({ kind: 'probe-error', message, probe }) });
    }
    for (const event of events.sort((x, y) => x.t - y.t)) {
      b.at(event.t);
      event.push();
    }
    const final = [...before, ...Array.from({ length: count }, (_, index) => `added-${index + 1}`)];
    for (const probe of sessions) b.wait(5).push({ kind: 'probe-list', list: 'tools', reason: 'final', requestedT: 100, names: final, keys: final, probe });
    return b.build();
  }
  it('passes when each session is told after the last change, coalesced or not, and reports the counts', () => {
    const result = evaluateCheck('server-storm', stormTrace({ A: [1, 3, 5], B: [6] }));
    expect(result.status, result.message).toBe('pass');
    expect(result.message).toBe(
      '3 changes (added [added-1, added-2, added-3]) in 5 ms; tools/list_changed sent: A 3, B 1; every session was told after the last change',
    );
    expect(result.measurements).toEqual({ changes: 3, burstMs: 5, notifiedA: 3, notifiedB: 1 });
  });
  it('fails when a session hears nothing after the last change (a throttle that drops)', () => {
    const result = evaluateCheck('server-storm', stormTrace({ A: [1], B: [1] }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/A 1, B 1; session\(s\) \[A, B\] got none after the last change was asked for: the server/);
  });
  it('does not fail a burst for a session told nothing at all: that is the server not announcing to it, judged elsewhere', () => {
    const result = evaluateCheck('server-storm', stormTrace({ A: [5], B: [] }));
    expect(result).toMatchObject({
      status: 'pass',
      message: '3 changes (added [added-1, added-2, added-3]) in 5 ms; tools/list_changed sent: A 1, B 0; every session it told was told after ' +
        'the last change; [B] told nothing at all during the burst (see server-announces and server-fanout)',
    });
  });
  it('is untested when nothing was announced during the burst at all', () => {
    expect(evaluateCheck('server-storm', stormTrace({ A: [], B: [] }))).toMatchObject({
      status: 'untested',
      message: '3 changes (added [added-1, added-2, added-3]) in 5 ms; tools/list_changed sent: A 0, B 0: nothing was announced during ' +
        'the burst at all, so there is no burst to judge (see server-announces)',
    });
  });
  it('still fails a session that heard part of the burst and not its end, naming the silent one beside it', () => {
    const result = evaluateCheck('server-storm', stormTrace({ A: [1], B: [] }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/A 1, B 0; session\(s\) \[A\] got none after the last change .*/);
    expect(result.message).toMatch(/; \[B\] told nothing at all during the burst \(see server-announces and server-fanout\)$/);
  });
  it('does not judge a session the server lost during the burst by its announcements, and says so', () => {
    const result = evaluateCheck('server-storm', stormTrace({ A: [5], B: [5], C: [1] }, { lost: ['C'] }));
    expect(result).toMatchObject({ status: 'pass', measurements: { lostSessions: 1 } });
    expect(result.message).toMatch(/; the server lost \[C\]'s session during the burst \(its requests were refused as an /);
  });
  it('leaves a session with no GET stream out, as lost by design', () => {
    const result = evaluateCheck('server-storm', stormTrace({ A: [5], C: [] }, { noStream: ['C'] }));
    expect(result.status).toBe('pass');
    expect(result.message).toMatch(/\[C\] opened no standalone GET stream \(lost by design\)$/);
  });
  it('is not testable when a change of the burst failed, naming the fix', () => {
    expect(evaluateCheck('server-storm', stormTrace({ A: [1] }, { failAt: 1 })).message).toBe(
      'change 2 of the burst failed (change_catalogue failed: exists): give --change-args that can be repeated',
    );
  });
  it('is not testable with a single change', () => {
    expect(evaluateCheck('server-storm', stormTrace({ A: [1] }, { changes: 1 }))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the scenario made one change/) });
  });
});

describe('server-listen', () => {
  const LISTEN_ALL = 'listen:0';
  const LISTEN_OTHERS = 'listen:1';
  interface Note { subscription?: string | number; method?: string }
  /**
   * A (2026-07-28) listens for tools and for [resources, prompts]; the server acknowledges each (honouring `honours`),
   * A's call changes the tools, then the notes arrive (after the acks unless `early`).
   */
  function listenTrace(notes: Note[], options: { early?: boolean; honours?: ('tools' | 'resources' | 'prompts')[]; era?: 'legacy' } = {}) {
    const b = new TraceBuilder().withChecks('server-listen');
    if (options.era === undefined) b.modern();
    const ack = (subscription: string, requested: ('tools' | 'resources' | 'prompts')[], honored: typeof requested) =>
      b.wait(1).push({ kind: 'probe-listen', state: 'acknowledged', detail: '', probe: 'A', subscription, requested, honored });
    const push = () => {
      for (const note of notes) {
        b.wait(1).push({ kind: 'probe-notification', method: note.method ?? TOOLS_CHANGED, probe: 'A', ...(note.subscription === undefined ? {} : { subscription: note.subscription }) });
      }
    };
    if (options.early) push();
    ack(LISTEN_ALL, ['tools'], ['tools']);
    b.wait(1).push({ kind: 'probe-connected', attempt: 1, probe: 'A', announces: ['tools'] });
    ack(LISTEN_OTHERS, ['resources', 'prompts'], options.honours ?? []);
    b.wait(1).push({ kind: 'server-change', via: 'tool', requestedT: 5, ok: true, detail: 'called change_catalogue', probe: 'A' });
    if (!options.early) push();
    return b.build();
  }
  it('passes when every list_changed is stamped, after its ack, on a listen that asked for it', () => {
    const result = evaluateCheck('server-listen', listenTrace([{ subscription: LISTEN_ALL }]));
    expect(result.status, result.message).toBe('pass');
    expect(result.message).toBe('2 listen(s) acknowledged first, each with its subscriptionId; 1 list_changed, each stamped and on a listen that ' +
      'asked for it; a listen that did not ask for the changed list was sent nothing for it');
  });
  it('fails a list_changed with no subscriptionId', () => {
    expect(evaluateCheck('server-listen', listenTrace([{}]))).toMatchObject({ status: 'fail', message: 'A\'s tools list_changed carried no subscriptionId' });
  });
  it('fails a list_changed on a listen that did not ask for that type', () => {
    const result = evaluateCheck('server-listen', listenTrace([{ subscription: LISTEN_ALL }, { subscription: LISTEN_OTHERS }]));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('A\'s tools list_changed came on listen "listen:1", which asked only for [resources, prompts]');
  });
  it('fails a list_changed that comes before its listen is acknowledged', () => {
    const result = evaluateCheck('server-listen', listenTrace([{ subscription: LISTEN_ALL }], { early: true }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('A\'s tools list_changed on listen "listen:0" came before that listen\'s acknowledgement');
  });
  it('fails an acknowledgement that honours what was not advertised, and a stamp no listen has', () => {
    const result = evaluateCheck('server-listen', listenTrace([{ subscription: 7 }], { honours: ['resources'] }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('A\'s listen "listen:1" honours [resources], which the server does not advertise listChanged for; ' +
      'A\'s tools list_changed was stamped 7, which no listen of that session was acknowledged as');
  });
  it('is not applicable in the 2025 era, and untested when nothing was announced', () => {
    expect(evaluateCheck('server-listen', listenTrace([], { era: 'legacy' }))).toMatchObject({ status: 'skip', message: expect.stringMatching(/^not applicable in 2025-11-25/) });
    expect(evaluateCheck('server-listen', listenTrace([]))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^the server sent no list_changed on any listen/) });
  });
});

describe('server-resume', () => {
  type Stream = 'told' | 'replay' | 'live' | 'refused' | 'answers';
  /** R's stream: told of change 1 (with ids or not), dropped, change 2, resumed (or refused), change 3. */
  function resumeTrace(seen: Stream[], ids = true) {
    const b = new TraceBuilder().withChecks('server-resume');
    const message = (n: number) => b.wait(1).push({ kind: 'probe-stream', probe: 'R', state: 'message', method: TOOLS_CHANGED, ...(ids ? { eventId: `e${n}` } : {}) });
    const change = (requestedT: number) => b.at(requestedT + 1).push({ kind: 'server-change', via: 'tool', requestedT, ok: true, detail: 'called change_catalogue', probe: 'A' });
    b.push({ kind: 'probe-stream', probe: 'R', state: 'opened', status: 200 });
    change(10);
    if (seen.includes('told')) message(1);
    b.wait(1).push({ kind: 'probe-stream', probe: 'R', state: 'dropped', ...(ids ? { lastEventId: 'e1' } : {}) });
    change(120);
    if (seen.includes('refused')) b.wait(1).push({ kind: 'probe-stream', probe: 'R', state: 'refused', status: 400, detail: 'unknown event id' });
    else b.wait(1).push({ kind: 'probe-stream', probe: 'R', state: 'resumed', status: 200, ...(ids ? { lastEventId: 'e1' } : {}) });
    if (seen.includes('answers')) b.wait(1).push({ kind: 'probe-stream', probe: 'R', state: 'message', eventId: 'p1', response: true });
    if (seen.includes('replay')) message(2);
    change(200);
    if (seen.includes('live')) message(3);
    return b.build();
  }
  it('passes when the missed change is replayed and the stream stays live', () => {
    const result = evaluateCheck('server-resume', resumeTrace(['told', 'replay', 'live']));
    expect(result.status, result.message).toBe('pass');
    expect(result.measurements).toMatchObject({ resumable: 'yes', replayed: 'yes', replayMs: 1 });
  });
  // Replay is a MAY: what the server does is measured and reported, never failed.
  it('reports, as a MAY, events that carry ids but a change that is not replayed', () => {
    const result = evaluateCheck('server-resume', resumeTrace(['told', 'live']));
    expect(result).toMatchObject({ status: 'info', severity: 'MAY', clause: { keyword: 'MAY', revision: '2025-11-25' } });
    expect(result.message).toMatch(/^its GET events carry ids, but the change made while the stream was down was not replayed/);
  });
  it('reports a replay whose resumed stream is not the live one', () => {
    expect(evaluateCheck('server-resume', resumeTrace(['told', 'replay']))).toMatchObject({
      status: 'info', message: expect.stringMatching(/^the change made while the stream was down was replayed, but the resumed stream got no later change/),
    });
  });
  it('reports a refused resume when events carry ids', () => {
    expect(evaluateCheck('server-resume', resumeTrace(['told', 'refused']))).toMatchObject({
      status: 'info', message: 're-opening the GET stream with Last-Event-ID "e1" was refused: HTTP 400 (unknown event id) (a MAY in 2025-11-25: measured, not required)',
    });
  });
  it('passes a replay on a resumed stream that stays live', () => {
    expect(evaluateCheck('server-resume', resumeTrace(['told', 'replay', 'live'])).status).toBe('pass');
  });
  it('reports a server without event ids as a measurement', () => {
    const result = evaluateCheck('server-resume', resumeTrace(['told', 'live'], false));
    expect(result.status).toBe('info');
    expect(result.message).toMatch(/carry no ids \(no event store\), so it offers no resumption: .* was down was lost$/);
  });
  it('fails server-resume-other-streams, a MUST NOT, on a resume that replays answers from other streams', () => {
    expect(evaluateCheck('server-resume-other-streams', resumeTrace(['told', 'answers', 'replay']))).toMatchObject({
      status: 'fail',
      severity: 'MUST',
      clause: { keyword: 'MUST NOT', quote: expect.stringContaining('MUST NOT replay messages that would have been delivered on a different stream') },
      message: 're-opening the GET stream with Last-Event-ID "e1" replayed 1 answer(s) to requests, which belong to those requests\' own streams',
    });
  });
  it('passes server-resume-other-streams when the resumed stream carries only its own messages, with or without a replay', () => {
    expect(evaluateCheck('server-resume-other-streams', resumeTrace(['told', 'replay', 'live'])).status).toBe('pass');
    expect(evaluateCheck('server-resume-other-streams', resumeTrace(['told', 'live'])).status).toBe('pass');
  });
  it('is not testable when R was never told of the first change', () => {
    expect(evaluateCheck('server-resume', resumeTrace(['live']))).toMatchObject({ status: 'untested', message: expect.stringMatching(/^session R was not told of the first change/) });
  });
});
