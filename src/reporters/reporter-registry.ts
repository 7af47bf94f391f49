import { HarnessError } from '../errors.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { prettyReporter } from './pretty.js';
import type { Reporter } from './reporter.js';

export type { Reporter, ReporterContext } from './reporter.js';

/** Reporters by name. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  pretty: prettyReporter,
  json: jsonReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};

export interface ReporterChoice {
  name: string;
  path?: string;
}

/** Parses `name[:path]`, or throws naming the known reporters. */
export function parseReporter(spec: string): ReporterChoice {
  const colon = spec.indexOf(':');
  const name = colon === -1 ? spec : spec.slice(0, colon);
  const path = colon === -1 ? undefined : spec.slice(colon + 1);
  if (!(name in REPORTERS)) {
    throw new HarnessError('UNKNOWN_REPORTER', `unknown reporter "${name}"`, `choose from ${Object.keys(REPORTERS).join(', ')} (as name or name:path)`);
  }
  if (path === '') throw new HarnessError('BAD_REPORTER', `reporter "${name}:" has an empty path`, `use ${name} or ${name}:<file>`);
  return path === undefined ? { name } : { name, path };
}
