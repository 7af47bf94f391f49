import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';

/** Writes text to a file (creating its folder) or, without a path, to the stream. */
export async function emit(text: string, path: string | undefined, stream: Writable): Promise<string> {
  if (!path) {
    await new Promise<void>((resolve) => stream.write(text, () => resolve()));
    return '(stdout)';
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}
