import type { EraRecord } from './era.js';

/** The 2025 revisions (2024-11-05 … 2025-11-25): initialize, sessions, the standalone GET stream. */
export const LEGACY: EraRecord = {
  name: 'legacy',
  revisions: ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
  title: '2025',
  unnamedInCells: true,
  handshake: true,
  changes: 'session-stream',
  listHints: false,
  pollingRule: false,
  sameListForEveryConnection: false,
  noStream: 'opened no standalone GET stream',
  start: 'initialized an MCP session',
  noStart: 'no MCP session initialized',
  probeSession: 'MCP session',
};
