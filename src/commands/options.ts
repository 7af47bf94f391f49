import type { z } from 'zod';
import { HarnessError } from '../errors.js';
import type { CliIo } from './io.js';
import { type Era, ERAS, TRANSPORT_NAMES, type TransportKind } from '../model/words.js';

/** `a,b , c` → ['a','b','c']. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

/** Parses a comma list of transports, naming a bad one. */
export function parseTransports(value: string | undefined): TransportKind[] {
  const names = splitList(value);
  if (names.length === 0) return [...TRANSPORT_NAMES];
  const bad = names.filter((name) => !TRANSPORT_NAMES.includes(name));
  if (bad.length) throw new HarnessError('BAD_OPTION', `--transport: unknown transport ${bad.map((b) => `"${b}"`).join(', ')}`, 'use stdio, sse and/or http, comma-separated');
  return [...new Set(names)] as TransportKind[];
}

/** `--era`: `auto` (the eras the target speaks), or a comma list of eras; empty is `fallback`. */
export function parseEras(value: string | undefined, fallback: readonly Era[] | 'auto'): Era[] | 'auto' {
  const names = splitList(value);
  if (names.length === 0) return fallback === 'auto' ? 'auto' : [...fallback];
  if (names.length === 1 && names[0] === 'auto') return 'auto';
  const bad = names.filter((name) => !ERAS.includes(name));
  if (bad.length) {
    throw new HarnessError('BAD_OPTION', `--era: unknown era ${bad.map((b) => `"${b}"`).join(', ')}`, `use auto, or ${ERAS.join(' and/or ')} comma-separated`);
  }
  return [...new Set(names)];
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Validates options with a zod schema; a problem is a HarnessError naming the flag (`--port: …`). */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown, command: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `--${kebab(String(issue.path[0] ?? ''))}: ${issue.message}`);
  throw new HarnessError('BAD_OPTION', lines.join('; '), `see \`mcp-notify-check ${command} --help\``);
}

/** Commander accumulator for repeatable options. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Colour per the conventions: a non-empty NO_COLOR turns it off (https://no-color.org: an empty one does not count),
 * FORCE_COLOR (not 0 or false) turns it on where stderr is no terminal (CI logs), else only a terminal gets colour.
 */
export function useColor(io: Pick<CliIo, 'stderr' | 'env'>): boolean {
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return Boolean((io.stderr as { isTTY?: boolean }).isTTY);
}
