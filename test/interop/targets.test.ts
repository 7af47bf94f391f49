import { describe, expect, it } from 'vitest';
import { selectTargets } from '../../interop/runner/select.js';
import { parseTarget } from '../../interop/runner/target-file.js';
import { summarizeStatuses } from '../../interop/runner/status.js';

const good = {
  name: 'py-client', mode: 'client', language: 'Python', library: 'mcp', version: '1.0.0',
  build: [['python3', '-m', 'venv', '.venv']], inputs: ['client.py'],
  runs: [{ transports: ['stdio', 'http'], args: ['--client', 'python client.py'] }],
};

describe('parseTarget', () => {
  it('takes a good target.json with its defaults', () => {
    expect(parseTarget(JSON.stringify(good), 'interop/py-client/target.json', 'py-client')).toMatchObject({ name: 'py-client', runs: [{ transports: ['stdio', 'http'] }] });
  });

  it('names the file and the field of a bad one in one line', () => {
    const bad = { ...good, runs: [{ transports: ['pigeon'], args: ['--client', 'x'] }] };
    expect(() => parseTarget(JSON.stringify(bad), 'interop/py-client/target.json', 'py-client')).toThrow(/^interop\/py-client\/target\.json: runs\.0\.transports\.0: /);
  });

  it('refuses flags the runner sets itself, and a name that is not the folder\'s', () => {
    const flags = { ...good, runs: [{ transports: ['stdio'], args: ['--client', 'x', '--out', 'here'] }] };
    expect(() => parseTarget(JSON.stringify(flags), 'f', 'py-client')).toThrow(/runs\.0\.args: the runner sets/);
    expect(() => parseTarget(JSON.stringify(good), 'f', 'other')).toThrow(/name: "py-client" must be the folder's name/);
  });
});

describe('selectTargets', () => {
  const targets = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));

  it('takes the --only names, and refuses an unknown one naming the known ones', () => {
    expect(selectTargets(targets, ['d', 'b']).map((t) => t.name)).toEqual(['b', 'd']);
    expect(() => selectTargets(targets, ['x'])).toThrow(/no target named x/);
  });

  it('takes every n-th target from the i-th for --shard i/n', () => {
    expect(selectTargets(targets, [], { index: 1, count: 2 }).map((t) => t.name)).toEqual(['a', 'c', 'e']);
    expect(selectTargets(targets, [], { index: 2, count: 2 }).map((t) => t.name)).toEqual(['b', 'd']);
  });

  it('leaves out a target whose verdicts are not pinned yet, unless --only names it', () => {
    const some = [{ name: 'a' }, { name: 'b', unpinned: 'a race still decided by timing' }, { name: 'c' }];
    expect(selectTargets(some, []).map((t) => t.name)).toEqual(['a', 'c']);
    expect(selectTargets(some, ['b']).map((t) => t.name)).toEqual(['b']);
  });
});

describe('summarizeStatuses', () => {
  it('gives fail with its count first, then the strongest other status, or — for none', () => {
    expect(summarizeStatuses(['pass', 'fail', 'untested'])).toBe('fail 1/3');
    expect(summarizeStatuses(['untested', 'pass'])).toBe('pass');
    expect(summarizeStatuses(['untested'])).toBe('untested');
    expect(summarizeStatuses([])).toBe('—');
  });
});
