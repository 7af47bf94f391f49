import { readFile, writeFile } from 'node:fs/promises';
import { HarnessError } from '../errors.js';
import { parseJsonl } from './jsonl.js';
import { type Trace, TraceMetaSchema } from './trace.js';
import { eventLine } from './serialized.js';

/** Writes a trace as JSONL: a `{"meta":…}` line, then one event per line. */
export async function writeTrace(path: string, trace: Trace): Promise<void> {
  const lines = [JSON.stringify({ meta: trace.meta }), ...trace.events.map(eventLine)];
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** Reads and validates a trace file; a bad file is a HarnessError naming the line. */
export async function readTrace(path: string): Promise<Trace> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessError('BAD_TRACE', `cannot read trace ${path}: ${(error as Error).message}`);
  }
  const newline = text.indexOf('\n');
  const head = newline === -1 ? text : text.slice(0, newline);
  let meta: unknown;
  try {
    meta = (JSON.parse(head) as { meta?: unknown }).meta;
  } catch {
    throw new HarnessError('BAD_TRACE', `${path}:1: not valid JSON`);
  }
  const parsed = TraceMetaSchema.safeParse(meta);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HarnessError(
      'BAD_TRACE',
      `${path}:1: meta.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      'a trace file starts with the {"meta":…} line that `run` writes',
    );
  }
  const events = parseJsonl(newline === -1 ? '' : text.slice(newline + 1), path, 1);
  return { meta: parsed.data, events };
}
