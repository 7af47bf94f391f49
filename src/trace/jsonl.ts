import { readFile, writeFile } from 'node:fs/promises';
import { HarnessError } from '../errors.js';
import { type TraceEvent, TraceEventSchema } from './events.js';
import { eventLine } from './serialized.js';

/** Parses JSONL trace events, naming the line of the first bad one. */
export function parseJsonl(text: string, source = 'trace', lineOffset = 0): TraceEvent[] {
  const events: TraceEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new HarnessError('BAD_TRACE', `${source}:${i + 1 + lineOffset}: not valid JSON`);
    }
    const parsed = TraceEventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HarnessError(
        'BAD_TRACE',
        `${source}:${i + 1 + lineOffset}: ${issue?.path.join('.') || '(event)'}: ${issue?.message}`,
      );
    }
    events.push(parsed.data);
  }
  return events;
}

/** Reads a JSONL trace file. */
export async function readJsonl(path: string): Promise<TraceEvent[]> {
  return parseJsonl(await readFile(path, 'utf8'), path);
}

/** Writes events as JSONL. */
export async function writeJsonl(path: string, events: readonly TraceEvent[]): Promise<void> {
  await writeFile(
    path,
    events.map(eventLine).join('\n') + (events.length ? '\n' : ''),
  );
}
