import { type CheckClauses } from './clause.js';
import {
  across, announceClauses, capabilityClauses, LEGACY_ERA, MODERN, noPerConnectionClauses, STREAMABLE_2025,
} from './common.js';

const TRANSPORTS = 'basic/transports.mdx';
const RESUMABILITY = 'Resumability and Redelivery';
const CACHING = 'server/utilities/caching.mdx';

/** A server's announcements and its Streamable HTTP streams (2025 era); its listen streams are in listen.ts. */
export const SERVER_CLAUSES: Readonly<Record<string, CheckClauses>> = {
  'server-announces': {
    clauses: announceClauses(),
    why: 'The SHOULD holds for a list whose `listChanged` the server declared; in 2026-07-28 it is owed to the listen ' +
      'streams that asked for that list.',
  },
  'server-fanout': {
    clauses: [
      ...capabilityClauses(LEGACY_ERA),
      ...announceClauses().filter((clause) => clause.revision === '2026-07-28'),
      ...noPerConnectionClauses(),
    ],
    why: 'In the 2025 revisions no keyword says every session must hear of a change (the capability says only that the ' +
      'server will emit notifications), so fan-out is best practice there; 2026-07-28 names the recipients (every listen ' +
      'stream that asked) and forbids a list that varies per connection.',
  },
  'server-background': {
    clauses: announceClauses(),
    why: 'The SHOULD does not depend on what changed the list; which sessions must hear it is not stated in the 2025 ' +
      'revisions, and the check counts only sessions with a channel for unasked messages.',
  },
  'server-update-before-notify': {
    clauses: announceClauses('none'),
    why: 'No keyword orders the update before the notification (the SHOULD is to notify when the list changes); a ' +
      'notification that comes before the list shows the change sends every client that re-lists at once to the old list.',
  },
  'server-capability': {
    clauses: capabilityClauses(),
    why: 'No keyword forbids a list_changed for a list without `listChanged`; the capability says whether the server will ' +
      'emit them and clients decide from it whether to listen, so an unadvertised announcement is judged against it.',
  },
  'server-storm': {
    clauses: announceClauses(),
    why: 'The spec says nothing of coalescing; the last change of a burst is a change like any other, and the SHOULD asks ' +
      'that it be announced.',
  },
  'server-resume': {
    clauses: across(STREAMABLE_2025, {
      file: TRANSPORTS,
      section: RESUMABILITY,
      keyword: 'MAY',
      quote: 'The server MAY use this header to replay messages that would have been sent after the last event ID, on the ' +
        'stream that was disconnected, and to resume the stream from that point.',
    }),
    why: 'Replay is optional, so the check measures it; replaying another stream\'s messages is server-resume-other-streams.',
  },
  'server-resume-other-streams': {
    clauses: [
      ...across(STREAMABLE_2025, {
        file: TRANSPORTS,
        section: RESUMABILITY,
        keyword: 'MUST NOT',
        quote: 'The server MUST NOT replay messages that would have been delivered on a different stream.',
      }),
      ...across(STREAMABLE_2025, {
        file: TRANSPORTS,
        section: 'Listening for Messages from the Server',
        keyword: 'MUST NOT',
        quote: 'The server MUST NOT send a JSON-RPC response on the stream unless resuming a stream associated with a ' +
          'previous client request.',
      }),
    ],
  },
  'server-no-broadcast': {
    clauses: across(STREAMABLE_2025, {
      file: TRANSPORTS,
      section: 'Multiple Connections',
      keyword: 'MUST NOT',
      quote: 'The server MUST send each of its JSON-RPC messages on only one of the connected streams; that is, it MUST NOT ' +
        'broadcast the same message across multiple streams.',
    }),
  },
  'server-event-ids-unique': {
    clauses: across(STREAMABLE_2025, {
      file: TRANSPORTS,
      section: RESUMABILITY,
      keyword: 'MUST',
      quote: 'If present, the ID MUST be globally unique across all streams within that session—or all streams with that ' +
        'specific client, if session management is not in use.',
    }),
  },
  'server-cache-hints': {
    clauses: [
      ...across(MODERN, {
        file: CACHING,
        section: 'Cacheable Results',
        keyword: 'MUST',
        quote: 'Servers MUST include caching hints on results with `resultType: "complete"` returned by the following operations',
      }),
      ...across(MODERN, {
        file: CACHING,
        section: 'Time-to-Live (TTL) Field',
        keyword: 'MUST',
        quote: 'Servers MUST provide a `ttlMs` value that is `>= 0`.',
      }),
      ...across(MODERN, {
        file: CACHING,
        section: 'Interaction with Pagination',
        keyword: 'none',
        quote: 'Each page response carries its own `ttlMs` value.',
      }),
      ...across(MODERN, {
        file: CACHING,
        section: 'Interaction with Pagination',
        keyword: 'MUST',
        quote: 'Servers MUST apply the same `cacheScope` to all response pages for a given list request.',
      }),
    ],
    why: 'That each page carries its own `ttlMs` is stated as a fact, without a keyword; it follows from the MUST on ' +
      'every list result, so the check expects hints on every page.',
  },
};
