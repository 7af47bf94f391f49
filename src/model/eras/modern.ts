import type { EraRecord } from './era.js';

/** 2026-07-28: `server/discover`, per-request `_meta`, changes on `subscriptions/listen` streams, list caching hints. */
export const MODERN: EraRecord = {
  name: 'modern',
  revisions: ['2026-07-28'],
  title: '2026-07-28',
  unnamedInCells: false,
  handshake: false,
  changes: 'listen',
  listHints: true,
  pollingRule: true,
  sameListForEveryConnection: true,
  noStream: 'opened no listen stream',
  start: 'sent a valid 2026-07-28 request',
  noStart: 'no valid 2026-07-28 request came',
  probeSession: '2026-07-28 session',
};
