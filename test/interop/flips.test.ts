import { describe, expect, it } from 'vitest';
import { findFlips, flipLines } from '../../interop/runner/flips.js';

describe('findFlips', () => {
  it('finds none when every play gives every check the same status', () => {
    const play = { 'a.stdio': { x: 'pass', y: 'fail' } };
    expect(findFlips([play, structuredClone(play), structuredClone(play)])).toEqual([]);
  });

  it('names the cell and check that flipped, with the status of each play', () => {
    const flips = findFlips([{ 'a.stdio': { x: 'pass', y: 'fail' } }, { 'a.stdio': { x: 'fail', y: 'fail' } }, { 'a.stdio': { x: 'pass', y: 'fail' } }]);
    expect(flips).toEqual([{ cell: 'a.stdio', check: 'x', statuses: ['pass', 'fail', 'pass'] }]);
    expect(flipLines('t', flips)).toEqual(['t a.stdio x: flipped pass, fail, pass']);
  });

  it('counts a check or cell absent from one play as a flip', () => {
    const flips = findFlips([{ 'a.stdio': { x: 'pass' }, 'a.http': { x: 'pass' } }, { 'a.stdio': { x: 'pass', z: 'info' } }]);
    expect(flips).toEqual([
      { cell: 'a.stdio', check: 'z', statuses: ['none', 'info'] },
      { cell: 'a.http', check: 'x', statuses: ['pass', 'none'] },
    ]);
  });
});
