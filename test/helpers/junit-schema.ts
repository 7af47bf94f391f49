import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const SCHEMA = new URL('./junit.xsd', import.meta.url);

/**
 * Validates a JUnit file with libxml2 (compiled to WebAssembly, so no system xmllint is needed): well-formed XML, and
 * the shape in junit.xsd. Returns xmllint's error lines, empty when valid.
 */
export async function junitProblems(path: string): Promise<string[]> {
  const [xml, schema] = await Promise.all([readFile(path, 'utf8'), readFile(SCHEMA, 'utf8')]);
  const result = await validateXML({ xml: [{ fileName: basename(path), contents: xml }], schema: [schema] });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
