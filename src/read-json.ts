import { readFile } from 'node:fs/promises';
import { errorMessage, HarnessError } from './errors.js';

/** Reads and parses a JSON file; a missing file or bad JSON is a HarnessError with `code` naming what it was for. */
export async function readJsonFile(path: string, code: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessError(code, `cannot read ${what} ${path}: ${errorMessage(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HarnessError(code, `${path} is not valid JSON: ${errorMessage(error)}`);
  }
}
