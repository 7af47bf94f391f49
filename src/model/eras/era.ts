/**
 * What one protocol era is, as the harness needs to know it: a check, a report, a target or the mock asks its record
 * ("does a session start with a handshake?", "does a change reach a client on a listen stream?") instead of comparing
 * the era's name. The two eras MCP has are two records beside this file; another is one more record, registered with
 * `registerEra` (model/eras/all-eras.ts).
 */
export interface EraRecord {
  /** Its name in options, traces and cell names (`--era legacy`, `….modern`). */
  name: string;
  /** The spec revisions it spans, newest first: the mock answers a handshake in one of them, the newest by default. */
  revisions: readonly string[];
  /** How prose names it: `2025` (the revisions 2024-11-05 … 2025-11-25) or `2026-07-28`. */
  title: string;
  /** A cell of this era is named without it (`scenario.transport`); a cell of another adds it (`….modern`). */
  unnamedInCells: boolean;
  /**
   * A session starts with the `initialize` handshake and lives on its connection (else each request stands alone,
   * carrying its version in `_meta`, as 2026-07-28's do). The mock and the probe speak the one or the other.
   */
  handshake: boolean;
  /** How a change reaches a client: on its session's stream for unasked messages, or on a `subscriptions/listen` stream. */
  changes: 'session-stream' | 'listen';
  /** Lists carry caching hints (`ttlMs`, a cache scope). */
  listHints: boolean;
  /** The revision states the client polling rule (jitter, backoff) that poll-jitter-backoff judges. */
  pollingRule: boolean;
  /** A list "MUST NOT vary per-connection": every connection sees the same one. */
  sameListForEveryConnection: boolean;
  /** What a session that cannot be told unasked lacks, in this era's words. */
  noStream: string;
  /** A target's first contact in this era, as messages say it happened (`the target ended before it …`) or did not. */
  start: string;
  noStart: string;
  /** What the harness's probe session is called in messages. */
  probeSession: string;
}
