import { type CheckClauses } from './clause.js';
import { across, EVERY_REVISION, flowClauses, MODERN, newSessionAfter404Clauses, STREAMABLE_2025 } from './common.js';

const TRANSPORTS = 'basic/transports.mdx';
const SUBSCRIPTIONS = 'basic/patterns/subscriptions.mdx';
const CACHING = 'server/utilities/caching.mdx';
const RESUMABILITY = 'Resumability and Redelivery';

/** What a client does on a change, in the 2025 era and in 2026-07-28: the spec shows it, keyword-free. */
export const CLIENT_CLAUSES: Readonly<Record<string, CheckClauses>> = {
  'relist-after-notify': {
    clauses: flowClauses(),
    why: 'Every revision\'s message flow shows the client re-listing on list_changed but no keyword asks it to; a client ' +
      'that does not keeps a stale list, so the harness grades this as best practice.',
  },
  'converges': {
    clauses: flowClauses(),
    why: 'No keyword says a client must end on the server\'s list; the message flow ends with the client holding the ' +
      'updated list, and a client that does not shows its users stale items.',
  },
  'coalesces-burst': {
    clauses: flowClauses(),
    why: 'The spec says nothing about debouncing or coalescing list_changed; bounding the re-lists a burst causes spares ' +
      'the server, so it is graded as best practice.',
  },
  'no-starvation': {
    clauses: flowClauses(),
    why: 'No keyword bounds how long a client may go without refreshing; the flow puts a re-list after each notification, ' +
      'and a debounce that never fires while a storm lasts leaves the view stale for all of it.',
  },
  'follows-pagination': {
    clauses: across(EVERY_REVISION, {
      file: 'server/utilities/pagination.mdx',
      section: 'Request Format',
      keyword: 'none',
      quote: 'After receiving a cursor, the client can continue paginating by issuing a request including that cursor',
    }),
    why: 'The spec leaves paginating to the client ("can continue"); a refresh that stops at the first page misses ' +
      'changes on later pages, so following nextCursor is graded as best practice.',
  },
  'no-stale-final': {
    clauses: flowClauses(),
    why: 'The spec orders nothing between a list response and a notification; the flow\'s updated list is what a client ' +
      'should end on, so ending on a response computed before the change is graded as best practice.',
  },
  'one-relist-per-kind': {
    clauses: [...flowClauses('tools'), ...flowClauses('prompts')],
    why: 'Each list has its own notification and its own re-list in the message flows; no keyword forbids re-listing ' +
      'everything, so re-listing only what changed, once, is graded as best practice.',
  },
  'reinitializes-after-404': { clauses: newSessionAfter404Clauses() },
  'reopens-stream': {
    clauses: [
      ...across(STREAMABLE_2025, {
        file: TRANSPORTS,
        section: 'Listening for Messages from the Server',
        keyword: 'MAY',
        quote: 'The client MAY issue an HTTP GET to the MCP endpoint.',
      }),
      ...across(['2025-03-26', '2025-06-18'], {
        file: TRANSPORTS,
        section: RESUMABILITY,
        keyword: 'SHOULD',
        quote: 'If the client wishes to resume after a broken connection, it SHOULD issue an HTTP GET to the MCP endpoint, and ' +
          'include the `Last-Event-ID` header to indicate the last event ID it received.',
      }),
      ...across(['2025-11-25'], {
        file: TRANSPORTS,
        section: RESUMABILITY,
        keyword: 'SHOULD',
        quote: 'If the client wishes to resume after a disconnection (whether due to network failure or server-initiated ' +
          'closure), it SHOULD issue an HTTP GET to the MCP endpoint, and include the `Last-Event-ID` header to indicate the ' +
          'last event ID it received.',
      }),
      ...across(['2025-11-25'], {
        file: TRANSPORTS,
        section: 'Sending Messages to the Server',
        keyword: 'SHOULD',
        quote: 'After the server has sent an SSE event with an event ID to the client, the server MAY close the connection ' +
          '(without terminating the SSE stream) at any time in order to avoid holding a long-lived connection. The client ' +
          'SHOULD then "poll" the SSE stream by attempting to reconnect.',
      }),
      ...across(['2025-11-25'], {
        file: TRANSPORTS,
        section: 'Listening for Messages from the Server',
        keyword: 'none',
        quote: 'If the server closes the connection without terminating the stream, it SHOULD follow the same polling behavior ' +
          'as described for POST requests: sending a `retry` field and allowing the client to reconnect.',
      }),
    ],
    why: 'Opening the GET stream is a MAY in every revision that has it, so re-opening one is graded on the resume SHOULD ' +
      '(with Last-Event-ID, when the stream carried event ids); 2025-11-25 adds the polling SHOULD, stated in the POST ' +
      'section and applied to the GET stream by reference.',
  },
  'respects-retry': {
    clauses: across(['2025-11-25'], {
      file: TRANSPORTS,
      section: 'Sending Messages to the Server',
      keyword: 'MUST',
      quote: 'The client MUST respect the `retry` field, waiting the given number of milliseconds before attempting to reconnect.',
    }),
  },
  'reopens-listen': {
    clauses: [
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Graceful Closure',
        keyword: 'MAY',
        quote: 'A client that receives this response knows the subscription closed cleanly; a transport that closes without ' +
          'it indicates an unexpected disconnect, which the client MAY treat as a trigger to reconnect.',
      }),
      ...across(MODERN, {
        file: 'basic/transports/streamable-http.mdx',
        section: 'Receiving Messages',
        keyword: 'none',
        quote: 'Resumable SSE streams via `Last-Event-ID` are not supported.',
      }),
    ],
    why: 'Reconnecting after an unexpected end is a MAY and listing again after it has no keyword; the harness judges both ' +
      'because nothing is replayed in this revision, so a client that does neither never hears of a later change.',
  },
  'relisten-after-reconnect': {
    clauses: [
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Graceful Closure',
        keyword: 'MUST',
        quote: 'On stdio, if the connection is terminated and then re-established, the client MUST re-send ' +
          '`subscriptions/listen` to re-establish its subscriptions — the server holds no subscription state across reconnections.',
      }),
      ...across(MODERN, {
        file: 'basic/transports/stdio.mdx',
        section: 'Unexpected Termination',
        keyword: 'none',
        quote: 'Active `subscriptions/listen` streams must also be re-established after restart.',
      }),
    ],
    why: 'The MUST is stated for stdio; the stdio page says the same of a restarted server in lowercase ("must also be ' +
      're-established"), without a keyword.',
  },
  'listen-filters': {
    clauses: [
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Notification Filter',
        keyword: 'none',
        quote: 'All fields are optional. Omitting a field is equivalent to not subscribing to that notification type.',
      }),
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Acknowledgment',
        keyword: 'SHOULD',
        quote: 'The client SHOULD check the acknowledged filter against what it requested and handle any unsupported types gracefully.',
      }),
    ],
    why: 'Asking for the list_changed of each announced list the client reads has no keyword of its own (omitting a type ' +
      'means never hearing of it); the SHOULD is the client\'s check of the acknowledgement against its request.',
  },
  'lists-after-ack': {
    clauses: across(MODERN, {
      file: SUBSCRIPTIONS,
      section: 'Acknowledgment',
      keyword: 'none',
      quote: 'The server MUST send `notifications/subscriptions/acknowledged` as the first message carrying the ' +
        'subscription\'s ID in `_meta` under `io.modelcontextprotocol/subscriptionId`, and MUST NOT send any notification on ' +
        'the subscription before it.',
    }),
    why: 'The keywords bind the server (nothing before the acknowledgement); none tells the client to list after it, but a ' +
      'list fetched only before it can miss a change that no stream announced.',
  },
  'ttl-invalidation': {
    clauses: [
      ...across(MODERN, {
        file: CACHING,
        section: 'Interaction with Notifications',
        keyword: 'none',
        quote: 'When a relevant notification is received while a cached response is still fresh, the notification invalidates ' +
          'the cached response and it should be considered immediately stale.',
      }),
      ...across(MODERN, {
        file: CACHING,
        section: 'Freshness Calculation',
        keyword: 'SHOULD',
        quote: 'Once the TTL expires, the response is stale and the client SHOULD re-fetch on next access.',
      }),
      ...across(MODERN, {
        file: CACHING,
        section: 'Freshness Calculation',
        keyword: 'SHOULD NOT',
        quote: 'Clients SHOULD NOT treat TTL as a polling interval that triggers automatic background refetches.',
      }),
    ],
    why: 'The invalidation itself is stated without a keyword (a lowercase "should"); the re-fetch SHOULD is stated for a ' +
      'stale response, which an invalidated one is, and the harness sees the re-fetch as a re-list before the TTL ran out.',
  },
  'poll-jitter-backoff': {
    clauses: across(MODERN, {
      file: CACHING,
      section: 'Freshness Calculation',
      keyword: 'MUST',
      quote: 'Implementations that do choose to poll MUST apply jitter and backoff.',
    }),
  },
};
