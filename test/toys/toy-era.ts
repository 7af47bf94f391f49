import { registerEra } from '../../src/model/eras/all-eras.js';

/**
 * A third era, as a user would add one: a single revision (2024-11-05) that starts sessions with `initialize` and tells
 * changes on the session's own stream, with no listen stream, no list hints and no polling rule. Importing this file
 * registers it; nothing else in the harness names it.
 */
registerEra({
  name: 'toy',
  revisions: ['2024-11-05'],
  title: '2024-11-05 alone',
  unnamedInCells: false,
  handshake: true,
  changes: 'session-stream',
  listHints: false,
  pollingRule: false,
  sameListForEveryConnection: false,
  noStream: 'opened no stream for unasked messages',
  start: 'initialized a toy session',
  noStart: 'no toy session initialized',
  probeSession: 'toy session',
});
