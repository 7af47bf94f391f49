import { StringDecoder } from 'node:string_decoder';

/** The longest line kept (the same bound as an HTTP request body): a longer one is an error or an attack, not a frame. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export interface LineSplitterOptions {
  /** Lines longer than this are dropped (default MAX_LINE_CHARS); `onOverflow` is told once per dropped line. */
  maxLineChars?: number;
  /** Called with the number of characters dropped when a line ends (or the stream ends) over the limit. */
  onOverflow?: (chars: number) => void;
}

/**
 * Splits a byte stream into lines (newline-delimited JSON framing), tolerating CRLF and split UTF-8. Each push scans
 * only the bytes it brought (linear in the input, however long a line grows), and memory stays bounded: a line past
 * the limit is dropped as it grows, not buffered.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private readonly parts: string[] = [];
  private partsLength = 0;
  /** Characters of the current line dropped because it passed the limit (0: not overflowing). */
  private dropped = 0;
  private readonly maxLineChars: number;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly options: LineSplitterOptions = {},
  ) {
    this.maxLineChars = options.maxLineChars ?? MAX_LINE_CHARS;
  }

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.append(text.slice(from, newline));
      this.finishLine();
      from = newline + 1;
    }
    if (from < text.length) this.append(text.slice(from));
  }

  /** Hands over a last line that had no newline. */
  end(): void {
    this.append(this.decoder.end());
    this.finishLine();
  }

  private append(piece: string): void {
    if (!piece) return;
    if (this.dropped > 0 || this.partsLength + piece.length > this.maxLineChars) {
      this.dropped += this.partsLength + piece.length;
      this.parts.length = 0;
      this.partsLength = 0;
      return;
    }
    this.parts.push(piece);
    this.partsLength += piece.length;
  }

  private finishLine(): void {
    if (this.dropped > 0) {
      const dropped = this.dropped;
      this.dropped = 0;
      this.options.onOverflow?.(dropped);
      return;
    }
    const line = this.parts.join('').replace(/\r$/, '');
    this.parts.length = 0;
    this.partsLength = 0;
    if (line.trim()) this.onLine(line);
  }
}
