import type { ScenarioDraft } from '../../common.js';

/** Server mode: the target is the server; the harness connects as its clients and makes it change. */
const SERVER = { mode: 'server' as const };

/**
 * After the sessions connected and listed, before the first change. Servers may finish setting a session up after
 * answering initialize: fastmcp polls for the client's capabilities every 100 ms and until then applies no catalogue
 * change to the session at all (not even to its lists), so a change made at once would be lost or not by chance. Start-up
 * announcements (the everything server adds tools after initialized) also land in this window.
 */
export const SESSION_SETTLE_MS = 250;

/** Sessions connected and listed, and the server given SESSION_SETTLE_MS to finish setting them up. */
const READY: ScenarioDraft['steps'] = [{ op: 'ready' }, { op: 'sleep', ms: SESSION_SETTLE_MS }];

/** Connect and list, change the server (one way), wait for every session that can be told to be told. */
const changeBy = (via: 'tool' | 'command'): ScenarioDraft['steps'] => [...READY, { op: 'change', via }, { op: 'await-announced' }];

export const serverAnnouncesScenario: ScenarioDraft = {
  id: 'server-announces',
  title: 'Server announces a change',
  description:
    'The harness connects as one or more sessions and lists; session A calls the change tool (--change-tool). A must be ' +
    'sent tools/list_changed, and its list must show the change.',
  ...SERVER,
  steps: changeBy('tool'),
  checks: [{ id: 'server-announces' }, { id: 'target-survives' }],
};

export const serverFanoutScenario: ScenarioDraft = {
  id: 'server-fanout',
  title: 'Server announces to every session',
  description:
    'Sessions A, B and C connect and list; A calls the change tool. B and C must be told too. On Streamable HTTP, C opens ' +
    'no standalone GET stream, so nothing can reach it unasked: that loss is by design and reported as such.',
  ...SERVER,
  transports: ['sse', 'http'],
  exclusions: { stdio: 'a stdio server process serves one session: fan-out needs sse or http' },
  steps: changeBy('tool'),
  checks: [{ id: 'server-fanout' }, { id: 'target-survives' }],
};

export const serverBackgroundScenario: ScenarioDraft = {
  id: 'server-background',
  title: 'Server announces a change made outside any request',
  description:
    'Sessions connect and list; then --change-cmd changes the server from outside any request (a file it watches, an ' +
    'admin endpoint, a signal). Every session that can be told unasked must be.',
  ...SERVER,
  steps: changeBy('command'),
  checks: [{ id: 'server-background' }, { id: 'target-survives' }],
};

export const serverUpdateBeforeNotifyScenario: ScenarioDraft = {
  id: 'server-update-before-notify',
  title: 'Server updates before it announces',
  description:
    'Session A calls the change tool; every session lists the instant it is told. Those lists must already show the change.',
  ...SERVER,
  steps: changeBy('tool'),
  checks: [{ id: 'server-update-before-notify' }, { id: 'target-survives' }],
};

export const serverCapabilityScenario: ScenarioDraft = {
  id: 'server-capability',
  title: 'Server announces only what it advertises',
  description: 'Session A calls the change tool; every list_changed the server sends must be for a list it advertises listChanged for.',
  ...SERVER,
  steps: changeBy('tool'),
  checks: [{ id: 'server-capability' }, { id: 'target-survives' }],
};

/** Changes in a server-storm burst: enough that a throttle which drops announcements shows, few enough to stay fast. */
export const STORM_CHANGES = 10;

export const serverStormScenario: ScenarioDraft = {
  id: 'server-storm',
  title: 'Server announces the end of a burst of changes',
  description:
    `Session A calls the change tool ${STORM_CHANGES} times back to back. Coalescing the announcements is fine; every session ` +
    'must still be told after the last change, and the final lists must show all of them. The notification count is reported.',
  ...SERVER,
  steps: [...READY, { op: 'change', via: 'tool', times: STORM_CHANGES }, { op: 'await-announced' }],
  checks: [{ id: 'server-storm' }, { id: 'target-survives' }],
};

export const serverListenScenario: ScenarioDraft = {
  id: 'server-listen',
  title: 'Server serves subscriptions/listen',
  description:
    'In the 2026-07-28 era: session A listens for every list the server announces, and opens a second listen for every ' +
    'list but tools; then it calls the change tool. Each listen must be acknowledged first, every list_changed must carry ' +
    'its listen\'s subscriptionId, and a listen must be sent only the types it asked for.',
  mode: 'server',
  eras: ['modern'],
  eraExclusions: { legacy: 'subscriptions/listen exists only in the 2026-07-28 era (run with --era modern)' },
  steps: [...READY, { op: 'open-listen', lists: ['resources', 'prompts'] }, { op: 'change', via: 'tool' }, { op: 'await-announced' }],
  checks: [{ id: 'server-listen' }, { id: 'target-survives' }],
};

export const serverResumeScenario: ScenarioDraft = {
  id: 'server-resume',
  title: 'Server replays what a dropped stream missed',
  description:
    'Streamable HTTP: session R opens its GET stream and is told of a change (A calls the change tool); the harness drops ' +
    'the stream, A changes the server again, and R re-opens the stream with Last-Event-ID. Whether the missed ' +
    'list_changed is replayed there is measured (a MAY); nothing of another stream may be. A third change shows the ' +
    'stream is live.',
  mode: 'server',
  transports: ['http'],
  exclusions: { stdio: 'resumption is a Streamable HTTP feature', sse: 'resumption is a Streamable HTTP feature' },
  eras: ['legacy'],
  eraExclusions: { modern: 'the 2026-07-28 revision has no GET stream, and its listen streams carry no event ids to resume from' },
  steps: [...READY, { op: 'resume' }],
  checks: [{ id: 'server-resume' }, { id: 'server-resume-other-streams' }, { id: 'target-survives' }],
};

export const SERVER_SCENARIOS: readonly ScenarioDraft[] = [
  serverAnnouncesScenario,
  serverFanoutScenario,
  serverBackgroundScenario,
  serverUpdateBeforeNotifyScenario,
  serverCapabilityScenario,
  serverStormScenario,
  serverListenScenario,
  serverResumeScenario,
];
