import { describe, expect, it } from 'vitest';
import { placeholderValues, renderCommand, renderTemplate, shellQuote } from '../src/targets/command.js';
import { tokenKeys } from '../src/targets/gateway/observers.js';
import { keyThroughToken } from '../src/model/words.js';
import { parseViewReport } from '../src/targets/process/view-report.js';

const stdio = { transport: 'stdio' as const, era: 'legacy' as const, scenario: 's', serverCommand: ['/usr/bin/node', '/opt/my shim.js', '--token', 'it\'s'] };
const http = { transport: 'http' as const, era: 'legacy' as const, scenario: 's', url: 'http://127.0.0.1:4000/mcp' };

describe('target command rendering', () => {
  it('appends the URL when a client command names no placeholder', () => {
    expect(renderCommand('node client.js', http)).toBe('node client.js http://127.0.0.1:4000/mcp');
    expect(renderCommand('node client.js --url {url} --t {transport}', http)).toBe('node client.js --url http://127.0.0.1:4000/mcp --t http');
  });
  it('quotes every argument of {server} and the whole line for {server-quoted}', () => {
    expect(renderCommand('client {server}', stdio)).toBe(`client /usr/bin/node '/opt/my shim.js' --token 'it'\\''s'`);
    const one = renderTemplate('gw --stdio {server-quoted}', placeholderValues(stdio), { shell: true });
    expect(one).toBe(`gw --stdio ${shellQuote(`/usr/bin/node '/opt/my shim.js' --token 'it'\\''s'`)}`);
  });
  it('renders config templates raw, with JSON forms of the server command', () => {
    const config = renderTemplate('{"command": {server-command-json}, "args": {server-args-json}, "port": {port}}', placeholderValues(stdio, { port: '5' }), { shell: false });
    expect(JSON.parse(config)).toEqual({ command: '/usr/bin/node', args: ['/opt/my shim.js', '--token', 'it\'s'], port: 5 });
  });
  it('leaves unknown placeholders alone', () => {
    expect(renderTemplate('x {nope} {port}', { port: '1' }, { shell: true })).toBe('x {nope} 1');
  });
});

describe('probe name mapping', () => {
  it('recognises upstream names behind a gateway prefix and resource URIs', () => {
    expect(keyThroughToken('server__nc1a2b3c_alpha', 'nc1a2b3c')).toBe('nc1a2b3c_alpha');
    expect(keyThroughToken('mock://nc1a2b3c/docs/one', 'nc1a2b3c')).toBe('mock://nc1a2b3c/docs/one');
    expect(keyThroughToken('gateway_own_tool', 'nc1a2b3c')).toBeUndefined();
  });
});

describe('catalogue observer', () => {
  it('finds token-carrying names anywhere in a REST catalogue', () => {
    const body = { data: [{ name: 'srv__nc1a2b3c_alpha', tags: ['x'] }, { id: 3, tool: { name: 'other' } }], extra: 'mock://nc1a2b3c/r' };
    expect([...tokenKeys(body, 'nc1a2b3c')].sort()).toEqual(['mock://nc1a2b3c/r', 'nc1a2b3c_alpha']);
  });
});

describe('view reports', () => {
  it('parses a report line and ignores anything else', () => {
    expect(parseViewReport('@mcp-notify-check view {"list":"tools","names":["a"]}')).toEqual({ list: 'tools', names: ['a'] });
    expect(parseViewReport('log: @mcp-notify-check view {"list":"pigeons","names":[]}')).toBeUndefined();
    expect(parseViewReport('hello')).toBeUndefined();
  });
});
