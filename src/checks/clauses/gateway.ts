import { type CheckClauses } from './clause.js';
import {
  across, announceClauses, capabilityClauses, flowClauses, LEGACY_ERA, MODERN, newSessionAfter404Clauses,
} from './common.js';

/**
 * The spec has no word for gateways: downstream a gateway is its users' server, upstream it is a client, and each
 * check quotes the rule for the side it judges.
 */
export const GATEWAY_CLAUSES: Readonly<Record<string, CheckClauses>> = {
  'gw-converges': {
    clauses: flowClauses(),
    why: 'No keyword covers a gateway\'s catalogue; to its users it is the server, the flow ends with them holding the ' +
      'updated list, and a gateway that leaves them an old one is graded as best practice.',
  },
  'gw-relays-notification': {
    clauses: announceClauses(),
    why: 'Downstream the gateway is the server: its list changed when the upstream\'s did, and the SHOULD holds where it ' +
      'declared `listChanged` to its users (gw-advertises-list-changed judges that declaration).',
  },
  'gw-tells-every-user': {
    clauses: announceClauses(),
    why: 'Each downstream session is a client of the gateway\'s server side: the list changed for every one of them, not ' +
      'only for the session that owns the upstream session or sits on the worker that heard the change.',
  },
  'gw-coalesces': {
    clauses: flowClauses(),
    why: 'The spec says nothing of coalescing on either side; bounded upstream re-lists and downstream notifications in a ' +
      'storm spare both ends, so they are graded as best practice.',
  },
  'gw-relay-after-update': {
    clauses: announceClauses('none'),
    why: 'No keyword orders a server\'s update before its notification; a relay that comes before the gateway\'s list ' +
      'shows the change sends every user that re-lists at once to the old list.',
  },
  'gw-survives-teardown': {
    clauses: [
      ...newSessionAfter404Clauses(),
      ...across(MODERN, {
        file: 'basic/transports/stdio.mdx',
        section: 'Unexpected Termination',
        keyword: 'SHOULD',
        quote: 'If the server process exits unexpectedly, the client SHOULD restart it.',
      }),
    ],
    why: 'Mostly the gateway\'s health (it stays up and keeps serving its users); the clauses cover the part where it acts ' +
      'as a client: a new session after a 404, and in 2026-07-28 restarting a stdio server that exited.',
  },
  'gw-initializes-upstream': {
    clauses: across(LEGACY_ERA, {
      file: 'basic/lifecycle.mdx',
      section: 'Initialization',
      keyword: 'MUST',
      quote: 'The initialization phase MUST be the first interaction between client and server.',
    }),
  },
  'gw-debounce-window': {
    clauses: [],
    why: 'A measurement of the gateway\'s refresh policy (#3734 asks for it), judged only against the window its user ' +
      'declares; the spec says nothing about debouncing list_changed on either side.',
  },
  'gw-advertises-list-changed': {
    clauses: capabilityClauses(),
    why: 'No keyword ties a gateway\'s downstream `listChanged` to what it relays; the capability says whether the server ' +
      'will emit notifications, and clients decide from it whether to listen.',
  },
};
