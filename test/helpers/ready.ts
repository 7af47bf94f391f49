import type { MockServer } from '../../src/mock-server/mock-server.js';

/**
 * Resolves when a session can receive an unsolicited notification: on Streamable HTTP the SDK client
 * opens its standalone GET stream asynchronously after `initialized`, so wait for it on the journal.
 */
export async function notificationReady(mock: MockServer, kind: string, fromSeq = 0): Promise<void> {
  if (kind !== 'http') return;
  await mock.journal.waitOrThrow((event) => event.kind === 'stream-opened' && event.role === 'standalone', {
    timeoutMs: 5_000,
    fromSeq,
    what: 'the standalone GET stream',
  });
}
