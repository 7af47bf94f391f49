import { HarnessError } from '../../errors.js';
import { renderStrict, setupOutputsIn } from './templates.js';

/** One `--header`: its name, and its value with `${VAR}` already taken from the environment (it may still hold `{name}`). */
export interface HeaderTemplate {
  name: string;
  value: string;
}

/** An HTTP field name (RFC 9110 token). */
const FIELD_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;
const ENV_REF = /\$\{([A-Za-z_]\w*)\}/g;
/** Shorter values are not looked for in messages: redacting every `1` or `on` would garble them, and no credential is that short. */
const MIN_SECRET_CHARS = 4;
const MASK = '[redacted]';

/**
 * Removes header values (and the pieces they were made of) from any text the harness writes: reports, traces and error
 * messages never echo a credential.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Adds a value, and its credentials part when it reads `<scheme> <credentials>` (`Bearer abc…`). */
  add(value: string): void {
    for (const secret of [value, /^[A-Za-z]+ +(\S+)$/.exec(value)?.[1] ?? '']) {
      if (secret.length >= MIN_SECRET_CHARS) this.secrets.add(secret);
    }
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so a value is masked whole before any part of it.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK);
    return out;
  }
}

/**
 * Parses `Name: value` lines and expands `${VAR}` from `env`; every expanded piece joins the redactor. Errors name the
 * header, never its value.
 */
export function parseHeaders(
  lines: readonly string[],
  env: Record<string, string | undefined>,
  redactor: Redactor,
): HeaderTemplate[] {
  return lines.map((line) => {
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (!FIELD_NAME.test(name)) {
      const shown = colon === -1 ? 'it has no colon' : `"${name}" is not a header name`;
      throw new HarnessError('BAD_OPTION', `--header: expected "Name: value"; ${shown}`, 'e.g. --header "Authorization: Bearer ${TOKEN}"');
    }
    const value = line.slice(colon + 1).trim().replace(ENV_REF, (_whole, variable: string) => {
      const found = env[variable];
      if (found === undefined) {
        throw new HarnessError('BAD_OPTION', `--header ${name}: \${${variable}} is not set in the environment`, `export ${variable} before running`);
      }
      redactor.add(found);
      return found;
    });
    redactor.add(value);
    return { name, value };
  });
}

/** The headers with their `{name}` placeholders rendered; each rendered value, and each setup output put in, is redacted. */
export function renderHeaders(
  headers: readonly HeaderTemplate[],
  values: Record<string, string>,
  redactor: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of headers) {
    for (const name of setupOutputsIn(header.value)) if (values[name] !== undefined) redactor.add(values[name]);
    const value = renderStrict(header.value, values, { shell: false, what: `--header ${header.name}` });
    redactor.add(value);
    out[header.name] = value;
  }
  return out;
}
