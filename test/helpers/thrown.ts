import { HarnessError } from '../../src/errors.js';

/** The HarnessError `run` throws; anything else it throws, or not throwing at all, fails the test. */
export function thrown(run: () => unknown): HarnessError {
  try {
    run();
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error('expected a HarnessError');
}
