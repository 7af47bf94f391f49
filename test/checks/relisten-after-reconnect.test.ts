import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const modern = (session: string) => ({ kind: 'session-initialized', session, protocolVersion: '2026-07-28', era: 'modern' }) as const;
const listen = (session: string, subscription: string, requested: string[]) =>
  ({ kind: 'listen-opened', session, stream: `${session}:stdio`, subscription, requested, honoured: requested }) as const;

/** A stdio client listening on stdio-1 whose server process exits; it restarts it (or not) and listens again (or not). */
function restarted(client: { restarts: boolean; relistens?: string[] }) {
  const b = new TraceBuilder().modern().push(modern('stdio-1')).push(listen('stdio-1', '1', ['tools', 'prompts']))
    .wait(500).push({ kind: 'fault', fault: 'exit-process', session: 'stdio-1', detail: 'exit code 1' })
    .push({ kind: 'session-closed', session: 'stdio-1', reason: 'process exit 1' });
  if (!client.restarts) return b.wait(8_000).push({ kind: 'settled', quietMs: 500, timedOut: false }).build();
  b.wait(120).push(modern('stdio-2'));
  if (client.relistens) b.wait(40).push(listen('stdio-2', '1', client.relistens));
  return b.wait(6_000).push({ kind: 'settled', quietMs: 500, timedOut: false }).build();
}

describe('relisten-after-reconnect', () => {
  it('passes a client that restarts its server and listens for the same lists again', () => {
    const result = evaluateCheck('relisten-after-reconnect', restarted({ restarts: true, relistens: ['tools', 'prompts'] }));
    expect(result.status).toBe('pass');
    expect(result.message).toBe('re-connected 120 ms after its server exited and re-sent subscriptions/listen for [tools, prompts] 40 ms later');
    expect(result.severity).toBe('MUST');
  });

  it('fails a client that re-connects but never listens again, decisively once the deadline has passed', () => {
    const result = evaluateCheck('relisten-after-reconnect', restarted({ restarts: true }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('the server exited while the client listened for [tools, prompts]; the client re-connected 120 ms later ' +
      '(stdio-2) but sent no subscriptions/listen in the 6000 ms after, so no change reaches it');
    expect(result.decisive).toBe(true);
  });

  it('fails a client that listens again for less than it did', () => {
    const result = evaluateCheck('relisten-after-reconnect', restarted({ restarts: true, relistens: ['tools'] }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('re-sent subscriptions/listen 40 ms after re-connecting, but no longer for [prompts], which it listened to before');
  });

  it('is untested when the client never re-establishes the connection, or never listened', () => {
    const gone = evaluateCheck('relisten-after-reconnect', restarted({ restarts: false }));
    expect(gone.status).toBe('untested');
    expect(gone.message).toMatch(/^the client did not re-establish the connection in the 8000 ms after its server exited/);
    const quiet = new TraceBuilder().modern().push(modern('stdio-1')).push({ kind: 'fault', fault: 'exit-process', session: 'stdio-1' }).build();
    expect(evaluateCheck('relisten-after-reconnect', quiet)).toMatchObject({
      status: 'untested',
      message: 'the client had opened no subscriptions/listen when its server exited, so it had none to re-send',
    });
  });

  it('is not applicable in a 2025 cell', () => {
    expect(evaluateCheck('relisten-after-reconnect', new TraceBuilder().opened().build()).status).toBe('skip');
  });
});
