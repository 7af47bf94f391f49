import { HarnessError } from '../../errors.js';
import { type TransportKind, TransportKindSchema } from '../../model/words.js';
import { PLACEHOLDER, renderTemplate } from '../command.js';

/** More free ports for a gateway that listens on several (one per worker): {port2} to {port9}, each taken only if used. */
export const EXTRA_PORTS: readonly string[] = Array.from({ length: 8 }, (_, i) => `port${i + 2}`);

/** Placeholders the harness fills itself; any other `{name}` in a gateway template is a setup output. */
export const BUILTIN_PLACEHOLDERS: readonly string[] = [
  'url', 'server', 'server-quoted', 'server-json', 'server-command-json', 'server-args-json', 'transport', 'era', 'port', 'config',
  ...EXTRA_PORTS,
];

/** The line a setup hook prints on stdout to set a placeholder: `@mcp-notify-check set NAME=value`. */
const SETUP_OUTPUT = /^@mcp-notify-check set ([A-Za-z_]\w*)=(.*)$/;

/** Every placeholder name a template uses, in order, once each. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** The placeholders of a template that only a setup hook can set. */
export function setupOutputsIn(template: string): string[] {
  return placeholdersIn(template).filter((name) => !BUILTIN_PLACEHOLDERS.includes(name));
}

/** The names and values a setup hook set with `@mcp-notify-check set NAME=value` lines (the last one wins). */
export function parseSetupOutputs(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = SETUP_OUTPUT.exec(line.replace(/\r$/, ''));
    if (!match?.[1]) continue;
    if (BUILTIN_PLACEHOLDERS.includes(match[1])) {
      throw new HarnessError('GATEWAY_HOOK', `the setup hook set {${match[1]}}, which is a built-in placeholder`, 'pick another name');
    }
    out[match[1]] = match[2] ?? '';
  }
  return out;
}

/**
 * Renders a template after setup and requires every placeholder to have a value: one left over (a typo, a name the
 * setup hook did not print) is a harness error naming it and the template it is in.
 */
export function renderStrict(template: string, values: Record<string, string>, options: { shell: boolean; what: string }) {
  const missing = placeholdersIn(template).filter((name) => values[name] === undefined);
  if (missing.length) {
    const known = Object.keys(values).filter((name) => !BUILTIN_PLACEHOLDERS.includes(name));
    throw new HarnessError(
      'UNKNOWN_PLACEHOLDER',
      `${options.what} uses ${missing.map((name) => `{${name}}`).join(', ')}, which ${missing.length > 1 ? 'have' : 'has'} no value in this cell`,
      known.length
        ? `the setup hook set ${known.map((name) => `{${name}}`).join(', ')}`
        : 'a setup hook sets a placeholder by printing `@mcp-notify-check set NAME=value` on stdout',
    );
  }
  return renderTemplate(template, values, { shell: options.shell });
}

/** `--gateway-config`: one template for every transport, or one per upstream transport. */
export type ConfigTemplates = string | Partial<Record<TransportKind, string>>;

/** Parses `path` or `stdio=a.json,http=b.json` (a value whose parts are not all `transport=path` is one path). */
export function parseConfigTemplates(value: string): ConfigTemplates {
  const parts = value.split(',').map((part) => part.trim());
  const pairs = parts.map((part) => /^(stdio|sse|http)=(.+)$/.exec(part));
  if (!pairs.every(Boolean)) {
    if (pairs.some(Boolean)) {
      throw new HarnessError('BAD_OPTION', `--gateway-config: "${value}" mixes transport=path pairs with other text`, 'write stdio=a.json,sse=b.json,http=c.json, or a single path');
    }
    return value;
  }
  const out: Partial<Record<TransportKind, string>> = {};
  for (const match of pairs) {
    const transport = TransportKindSchema.parse(match?.[1]);
    if (out[transport]) throw new HarnessError('BAD_OPTION', `--gateway-config: ${transport} is given twice`);
    out[transport] = match?.[2] ?? '';
  }
  return out;
}

/** The template for a cell's transport; `undefined` when none applies. */
export function templateFor(templates: ConfigTemplates | undefined, transport: TransportKind): string | undefined {
  return typeof templates === 'string' ? templates : templates?.[transport];
}

/** Why a transport cannot be played with per-transport templates that leave it out (undefined when it can). */
export function configExcludes(templates: ConfigTemplates | undefined, transport: TransportKind): string | undefined {
  if (templates === undefined || typeof templates === 'string' || templates[transport] !== undefined) return undefined;
  return `--gateway-config has no template for ${transport} upstreams (it gives ${Object.keys(templates).join(', ')})`;
}
