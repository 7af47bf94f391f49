import type { Reporter } from './reporter.js';
import { emit } from './write.js';

/** The report as JSON: `{tool, target, cells: [{scenario, transport, durationMs, checks: […]}], summary}`. */
export const jsonReporter: Reporter = (report, path, ctx) => emit(`${JSON.stringify(report, null, 2)}\n`, path, ctx.stdout);
