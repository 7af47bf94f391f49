import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, HarnessError } from '../errors.js';

/**
 * Can the run write its traces under `--out`: the folder exists or can be made, and takes files? Checked before anything
 * runs, like the report paths, so a typo costs one line and exit 2 instead of a whole run and an internal error.
 */
export function checkOutDir(outDir: string): void {
  const traces = join(outDir, 'traces');
  try {
    mkdirSync(traces, { recursive: true });
    accessSync(traces, constants.W_OK);
  } catch (error) {
    throw new HarnessError('BAD_OUT_DIR', `--out ${outDir}: cannot write traces to ${traces}: ${errorMessage(error)}`, 'choose a writable folder');
  }
}
