import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/mock-server/transports/stdio/lines.js';

function split(chunks: (string | Buffer)[], maxLineChars?: number) {
  const lines: string[] = [];
  const dropped: number[] = [];
  const options = { onOverflow: (chars: number) => dropped.push(chars), ...(maxLineChars ? { maxLineChars } : {}) };
  const splitter = new LineSplitter((line) => lines.push(line), options);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { lines, dropped };
}

describe('LineSplitter', () => {
  it('frames lines across chunk boundaries, CRLF and split UTF-8 included', () => {
    const euro = Buffer.from('€');
    expect(split(['{"a":1}\r\n{"b"', ':2}\n', Buffer.from([0x7b, 0x22]), euro.subarray(0, 1), euro.subarray(1), '"}']).lines)
      .toEqual(['{"a":1}', '{"b":2}', '{"€"}']);
  });
  it('skips blank lines and hands over a last line without a newline', () => {
    expect(split(['\n\n x \n', 'tail']).lines).toEqual([' x ', 'tail']);
  });
  it('drops a line past the limit, says how long it was, and goes on framing', () => {
    expect(split(['ok\n', 'x'.repeat(6), 'y'.repeat(6), '\nnext\n'], 10)).toEqual({ lines: ['ok', 'next'], dropped: [12] });
  });
  it('reports an over-long last line that never got its newline', () => {
    expect(split(['z'.repeat(50)], 10)).toEqual({ lines: [], dropped: [50] });
  });
});
