import { eraOf } from '../../model/eras/all-eras.js';
import { z } from 'zod';
import type { EventOf } from '../../trace/events.js';
import { ofKind } from '../../trace/queries.js';
import { defineCheck, fail, notTestable, pass } from '../support/check.js';
import { names } from './helpers.js';

type Page = EventOf<'probe-page'>;

/** What is wrong with one page's hints (empty: nothing). */
function faults(page: Page): string[] {
  const found: string[] = [];
  const { ttlMs, cacheScope } = page;
  if (ttlMs === undefined) found.push('carries no ttlMs');
  else if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs < 0) found.push(`has ttlMs ${JSON.stringify(ttlMs)} (it must be an integer >= 0)`);
  if (cacheScope === undefined) found.push('carries no cacheScope');
  else if (cacheScope !== 'public' && cacheScope !== 'private') found.push(`has cacheScope ${JSON.stringify(cacheScope)} (neither "public" nor "private")`);
  return found;
}

/** A session's pages of one list strung into the list requests they answer: a page asked for with cursor X follows the page that gave X. */
function series(pages: readonly Page[]): Page[][] {
  const chains: Page[][] = [];
  for (const page of pages) {
    const follows = (last: Page | undefined) =>
      last !== undefined && last.probe === page.probe && last.list === page.list && last.nextCursor === page.cursor;
    const chain = page.cursor === undefined ? undefined : chains.find((each) => follows(each.at(-1)));
    if (chain) chain.push(page);
    else chains.push([page]);
  }
  return chains;
}

const scope = (page: Page) => (page.cacheScope === undefined ? 'none' : JSON.stringify(page.cacheScope));

export const serverCacheHints = defineCheck({
  id: 'server-cache-hints',
  title: 'Puts caching hints on every list page',
  description:
    'In the 2026-07-28 era every complete list result carries `ttlMs` (an integer >= 0) and `cacheScope` ("public" or ' +
    '"private"), and every page of one list the same cacheScope. The sessions list every list the server offers, page by ' +
    'page; each page is read off the wire before the client library validates it.',
  severity: 'MUST',
  specRefs: ['2026-07-28/server/utilities/caching'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    if (!eraOf(trace.meta.era).listHints) return notTestable('caching hints exist only in the 2026-07-28 era: run with --era modern');
    // Interim results (`input_required`) and errors carry no hints by design.
    const pages = ofKind(trace, 'probe-page').filter((page) => page.error === undefined && (page.resultType === undefined || page.resultType === 'complete'));
    if (pages.length === 0) return notTestable('no list page was read (no session connected, or the server offers no list)');
    const problems = new Map<string, { probes: Set<string>; seq: number }>();
    const note = (text: string, page: Page) => {
      const at = problems.get(text) ?? { probes: new Set<string>(), seq: page.seq };
      at.probes.add(page.probe ?? 'the probe');
      problems.set(text, at);
    };
    const chains = series(pages);
    for (const chain of chains) {
      chain.forEach((page, at) => {
        for (const fault of faults(page)) note(`page ${at + 1} of the ${page.list} list ${fault}`, page);
      });
      const scopes = [...new Set(chain.map(scope))];
      if (scopes.length > 1) {
        const [first] = chain;
        const each = chain.map((page, at) => `${scope(page)} on page ${at + 1}`).join(', ');
        note(`the ${first?.list ?? ''} list gave cacheScope ${each}`, chain.at(-1) ?? (first as Page));
      }
    }
    const paged = chains.filter((chain) => chain.length > 1);
    const measurements = { pages: pages.length, lists: chains.length, pagedLists: paged.length };
    if (problems.size) {
      const lines = [...problems].map(([text, { probes }]) => `${text} (session ${[...probes].sort().join(', ')})`);
      const more = lines.length > 3 ? `; and ${lines.length - 3} more` : '';
      return fail(lines.slice(0, 3).join('; ') + more, { evidence: [...problems.values()].map(({ seq }) => seq).slice(0, 10), measurements });
    }
    const lists = [...new Set(pages.map((page) => page.list))];
    const paging = paged.length
      ? `; ${paged.length} list request(s) of several pages kept one cacheScope throughout`
      : '; no list came in more than one page, so one cacheScope across pages was not exercised';
    return pass(`all ${pages.length} page(s) of ${names(lists)} carried ttlMs >= 0 and cacheScope${paging}`, {
      evidence: pages.slice(0, 4).map((page) => page.seq),
      measurements,
    });
  },
});
