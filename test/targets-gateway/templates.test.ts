import { describe, expect, it } from 'vitest';
import { thrown } from '../helpers/thrown.js';
import { renderTemplate } from '../../src/targets/command.js';
import {
  configExcludes,
  parseConfigTemplates,
  parseSetupOutputs,
  placeholdersIn,
  renderStrict,
  setupOutputsIn,
  templateFor,
} from '../../src/targets/gateway/templates.js';

describe('gateway template placeholders', () => {
  it('tells built-in placeholders from setup outputs, and never reads ${VAR} as one', () => {
    const template = 'http://127.0.0.1:{port}/servers/{server_id}/mcp?t=${TOKEN}&x={Region-1}';
    expect(placeholdersIn(template)).toEqual(['port', 'server_id', 'Region-1']);
    expect(setupOutputsIn(template)).toEqual(['server_id', 'Region-1']);
    expect(setupOutputsIn('gw --stdio {server-quoted} --config {config}')).toEqual([]);
  });
  it('renders setup outputs like built-ins (quoted in shell mode) and leaves ${VAR} to the shell', () => {
    expect(renderTemplate('curl -X DELETE .../{server_id} -H "x: ${T}"', { server_id: 'a b' }, { shell: true })).toBe(`curl -X DELETE .../'a b' -H "x: \${T}"`);
  });
  it('reads `@mcp-notify-check set NAME=value` lines, the last one winning, and ignores everything else', () => {
    const stdout = 'registering…\n@mcp-notify-check set server_id=4f2a\r\n  @mcp-notify-check set nope=1\n@mcp-notify-check set token=a=b\n@mcp-notify-check set server_id=9c\n';
    expect(parseSetupOutputs(stdout)).toEqual({ server_id: '9c', token: 'a=b' });
  });
  it('refuses a setup output that would shadow a built-in placeholder', () => {
    expect(thrown(() => parseSetupOutputs('@mcp-notify-check set port=1')).message).toContain('{port}');
  });
  it('names every placeholder left without a value after setup, and what setup did set', () => {
    const error = thrown(() => renderStrict('http://h:{port}/{server_idd}/{other}', { port: '1', server_id: 'x' }, { shell: false, what: '--downstream' }));
    expect(error.code).toBe('UNKNOWN_PLACEHOLDER');
    expect(error.message).toBe('--downstream uses {server_idd}, {other}, which have no value in this cell');
    expect(error.hint).toContain('{server_id}');
    expect(renderStrict('http://h:{port}/{server_id}', { port: '1', server_id: 'x' }, { shell: false, what: '--downstream' })).toBe('http://h:1/x');
  });
});

describe('--gateway-config per transport', () => {
  it('reads one path for every transport, or transport=path pairs', () => {
    expect(parseConfigTemplates('servers.json')).toBe('servers.json');
    expect(parseConfigTemplates('stdio=a.json, http=b.json')).toEqual({ stdio: 'a.json', http: 'b.json' });
  });
  it('refuses a mix of pairs and other text, and a transport given twice', () => {
    expect(thrown(() => parseConfigTemplates('stdio=a.json,b.json')).message).toContain('mixes');
    expect(thrown(() => parseConfigTemplates('http=a.json,http=b.json')).message).toContain('http is given twice');
  });
  it('excludes, with a written reason, a transport the list leaves out', () => {
    const templates = parseConfigTemplates('stdio=a.json,http=b.json');
    expect(templateFor(templates, 'http')).toBe('b.json');
    expect(templateFor(templates, 'sse')).toBeUndefined();
    expect(configExcludes(templates, 'sse')).toBe('--gateway-config has no template for sse upstreams (it gives stdio, http)');
    expect(configExcludes(templates, 'stdio')).toBeUndefined();
    expect(configExcludes('one.json', 'sse')).toBeUndefined();
    expect(configExcludes(undefined, 'sse')).toBeUndefined();
  });
});
