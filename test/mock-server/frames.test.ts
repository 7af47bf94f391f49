import { describe, expect, it } from 'vitest';
import { rpcRefs } from '../../src/mock-server/transports/frames.js';

describe('rpcRefs', () => {
  it('names the method and id of a single message', () => {
    expect(rpcRefs('{"jsonrpc":"2.0","id":9,"method":"foo/bar"}')).toEqual([{ method: 'foo/bar', id: 9 }]);
  });

  it('names each message of a batch in order, leaving out what a message lacks', () => {
    const batch = '[{"id":"a","method":"ping"},{"method":"notifications/initialized"},{"id":3,"result":{}},7]';
    expect(rpcRefs(batch)).toEqual([{ method: 'ping', id: 'a' }, { method: 'notifications/initialized' }, { id: 3 }, {}]);
  });

  it('reads bodies the JSON-RPC schema refuses, such as a message without jsonrpc', () => {
    expect(rpcRefs('{"id":1,"method":"tools/list"}')).toEqual([{ method: 'tools/list', id: 1 }]);
  });

  it('gives undefined for a body that is not JSON or names no method or id', () => {
    expect(rpcRefs('{not json')).toBeUndefined();
    expect(rpcRefs('{"hello":1}')).toBeUndefined();
    expect(rpcRefs('[]')).toBeUndefined();
  });
});
