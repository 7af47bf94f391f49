import { errorMessage } from '../../errors.js';
import type { Journal } from '../../trace/journal.js';
import type { Probe } from '../probe/probe.js';
import { keyThroughToken } from '../../model/words.js';

/** Collects every string in a JSON document that carries the token (tool names, URIs), wherever the gateway puts them. */
export function tokenKeys(value: unknown, token: string, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const key = keyThroughToken(value, token);
    if (key) into.add(key);
  } else if (Array.isArray(value)) {
    for (const item of value) tokenKeys(item, token, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) tokenKeys(item, token, into);
  }
  return into;
}

/** A gateway's REST catalogue (`--catalog-url`), read with the `--header` headers. */
export interface Catalog {
  url: string;
  headers?: Record<string, string>;
  /** Masks header values in what is journaled. */
  redact?: (text: string) => string;
}

/** A catalogue read that takes longer than this counts as failed (the probe reads it again on the next poll). */
const CATALOG_TIMEOUT_MS = 2_000;

/** Reads a gateway's REST catalogue once and journals the upstream keys it shows, with the HTTP status. */
export async function observeCatalog(catalog: Catalog, journal: Journal, token: string): Promise<void> {
  const { url, headers = {}, redact = (text: string) => text } = catalog;
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(CATALOG_TIMEOUT_MS) });
    const body: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    journal.append({ kind: 'catalog-view', keys: [...tokenKeys(body, token)], status: res.status });
  } catch (error) {
    journal.append({ kind: 'probe-error', message: redact(`catalog ${url}: ${errorMessage(error)}`) });
  }
}

/**
 * Keeps probing while a gateway cell runs: the probe lists everything and the REST catalogue (if any) is read every
 * `intervalMs`, so a gateway that never notifies still shows on the trace when (or whether) its users' view changed.
 */
export function startObservers(options: {
  probe: Probe;
  journal: Journal;
  token: string;
  intervalMs: number;
  /** The catalogue to read, once it is known (after the setup hook, when its URL uses a setup output). */
  catalog?: () => Catalog | undefined;
}): { stop: () => void; polling: () => boolean } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const work = [options.probe.connected ? options.probe.listAll('poll') : Promise.resolve()];
    const catalog = options.catalog?.();
    if (catalog) work.push(observeCatalog(catalog, options.journal, options.token));
    void Promise.all(work).finally(() => {
      busy = false;
    });
  }, options.intervalMs);
  return { stop: () => clearInterval(timer), polling: () => busy };
}
