import { type CheckClauses } from './clause.js';
import { across, MODERN } from './common.js';

const SUBSCRIPTIONS = 'basic/patterns/subscriptions.mdx';
const CANCELLATION = 'basic/patterns/cancellation.mdx';

/** A server's `subscriptions/listen` streams (2026-07-28 only). */
export const LISTEN_CLAUSES: Readonly<Record<string, CheckClauses>> = {
  'server-listen': {
    clauses: [
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Opening a Stream',
        keyword: 'MUST NOT',
        quote: 'The server MUST NOT send notification types the client has not explicitly requested.',
      }),
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Acknowledgment',
        keyword: 'MUST',
        quote: 'The server MUST send `notifications/subscriptions/acknowledged` as the first message carrying the ' +
          'subscription\'s ID in `_meta` under `io.modelcontextprotocol/subscriptionId`, and MUST NOT send any notification on ' +
          'the subscription before it.',
      }),
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Acknowledgment',
        keyword: 'none',
        quote: 'The `notifications` field in the acknowledgment reflects the subset the server agreed to honor. Notification ' +
          'types the server does not support are omitted.',
      }),
      ...across(MODERN, {
        file: 'basic/index.mdx',
        section: '_meta',
        keyword: 'MUST',
        quote: 'On notifications delivered via a `subscriptions/listen` stream, the server MUST include ' +
          '`io.modelcontextprotocol/subscriptionId` in `_meta` so the client can correlate the notification with the ' +
          'originating subscription request.',
      }),
    ],
    why: 'That the acknowledgement honours no more than was asked for and advertised is stated without a keyword ("the ' +
      'subset the server agreed to honor"); it is judged with the MUST NOT on unrequested types, which it announces.',
  },
  'server-listen-teardown': {
    clauses: [
      ...across(MODERN, {
        file: CANCELLATION,
        section: 'Cancellation',
        keyword: 'MUST',
        quote: 'A server MUST send `notifications/cancelled` referencing a `subscriptions/listen` request ID when it tears ' +
          'down that subscription stream',
      }),
      ...across(MODERN, {
        file: CANCELLATION,
        section: 'Behavior Requirements',
        keyword: 'MUST',
        quote: 'Server-sent cancellation notifications MUST reference a `subscriptions/listen` request, to terminate that ' +
          'subscription stream',
      }),
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Graceful Closure',
        keyword: 'SHOULD',
        quote: 'When the server ends a subscription on its own initiative (for example, during shutdown), it SHOULD respond to ' +
          'the original `subscriptions/listen` request with a completion result before closing the stream.',
      }),
      ...across(MODERN, {
        file: SUBSCRIPTIONS,
        section: 'Graceful Closure',
        keyword: 'none',
        quote: 'Like every other message on the stream, the response carries `io.modelcontextprotocol/subscriptionId` in ' +
          '`_meta`, identifying which subscription it closes.',
      }),
    ],
    why: 'That the closing result carries the subscriptionId is stated without a keyword ("Like every other message on ' +
      'the stream"); on stdio it is how a client tells which subscription ended.',
  },
};
