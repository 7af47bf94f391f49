import { describe, expect, it } from 'vitest';
import { compare } from '../../interop/runner/expect.js';
import { cell } from './helpers.js';

const actual = Object.fromEntries([
  cell('refresh-on-add.stdio', { 'converges': 'pass', 'relist-after-notify': 'fail' }),
  cell('refresh-on-add.http.modern', { converges: 'untested' }),
]);

describe('compare', () => {
  it('finds nothing when every check of every cell is as pinned', () => {
    const expected = { 'refresh-on-add.stdio': { 'converges': 'pass', 'relist-after-notify': 'fail' }, 'refresh-on-add.http.modern': { converges: 'untested' } };
    expect(compare('t', expected, actual)).toEqual([]);
  });

  it('tells a changed status on one line with the message', () => {
    const expected = { 'refresh-on-add.stdio': { 'converges': 'pass', 'relist-after-notify': 'pass' }, 'refresh-on-add.http.modern': { converges: 'untested' } };
    expect(compare('t', expected, actual)).toEqual(['t refresh-on-add.stdio relist-after-notify: expected pass, got fail — relist-after-notify came out fail']);
  });

  it('tells checks that appeared or went away', () => {
    const expected = { 'refresh-on-add.stdio': { 'converges': 'pass', 'no-starvation': 'pass' }, 'refresh-on-add.http.modern': { converges: 'untested' } };
    expect(compare('t', expected, actual)).toEqual([
      't refresh-on-add.stdio no-starvation: expected pass, got none',
      't refresh-on-add.stdio relist-after-notify: expected none, got fail — relist-after-notify came out fail',
    ]);
  });

  it('tells cells missing from the run and cells expect.json lacks', () => {
    const expected = { 'refresh-on-add.stdio': { 'converges': 'pass', 'relist-after-notify': 'fail' }, 'refresh-on-add.sse': { converges: 'pass' } };
    expect(compare('t', expected, actual)).toEqual([
      't refresh-on-add.sse: expected, but the run did not play it',
      't refresh-on-add.http.modern: played, but expect.json does not have it',
    ]);
  });
});
