import { StringDecoder } from 'node:string_decoder';

/** Splits a byte stream into lines (newline-delimited JSON framing), tolerating CRLF and split UTF-8. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim()) this.onLine(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  /** Hands over a last line that had no newline. */
  end(): void {
    const rest = (this.buffer + this.decoder.end()).trim();
    this.buffer = '';
    if (rest) this.onLine(rest);
  }
}
