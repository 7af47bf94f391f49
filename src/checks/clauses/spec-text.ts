/**
 * How a clause's quote is read against the spec's markdown: emphasis and link syntax removed, whitespace collapsed, so a
 * sentence wrapped over several lines or set in bold keywords reads as it renders. Code spans are kept as written.
 */

const CODE_SPAN = /(`[^`\n]*`)/;
const INLINE_LINK = /\[([^\]\n]*)\]\([^)\s]*\)/g;
/** `[text][ref]`: the spec's pages use reference-style links as often as inline ones. */
const REFERENCE_LINK = /\[([^\]\n]+)\]\[[^\]\n]*\]/g;
/** Emphasis markers; `_x_` and `*x*` only at word edges, so `list_changed` and `a*b*c` stay whole. */
const EMPHASIS: readonly [RegExp, string][] = [
  [/\*\*([^*\n]+?)\*\*/g, '$1'],
  [/__([^_\n]+?)__/g, '$1'],
  [/(?<![\w*])\*([^*\n]+?)\*(?![\w*])/g, '$1'],
  [/(?<![\w_])_([^_\n]+?)_(?![\w_])/g, '$1'],
];

/** Spec markdown as a clause quotes it: no emphasis, links reduced to their text, whitespace collapsed. */
export function normalizeSpecText(markdown: string): string {
  const linked = markdown.replace(INLINE_LINK, '$1').replace(REFERENCE_LINK, '$1');
  const parts = linked.split(CODE_SPAN).map((part, i) =>
    i % 2 === 1 ? part : EMPHASIS.reduce((text, [pattern, keep]) => text.replace(pattern, keep), part));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** A heading as a clause names its section: normalized, without code-span backticks. */
function headingName(raw: string): string {
  return normalizeSpecText(raw).replace(/`/g, '').trim();
}

interface Section {
  name: string;
  text: string;
}

/** The page cut at its headings (outside code fences); text before the first heading belongs to the page title. */
function sections(markdown: string): Section[] {
  const title = /^---\n(?:.*\n)*?title:\s*(.+)\n(?:.*\n)*?---\n/.exec(markdown)?.[1] ?? '';
  const found: { name: string; lines: string[] }[] = [{ name: headingName(title), lines: [] }];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === undefined || fence === marker)) fence = fence === undefined ? marker : undefined;
    const heading = fence === undefined ? /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading?.[1] !== undefined) found.push({ name: headingName(heading[1]), lines: [] });
    else found.at(-1)?.lines.push(line);
  }
  return found.map(({ name, lines }) => ({ name, text: normalizeSpecText(lines.join('\n')) }));
}

/** Where a quote stands in a page: `found` if it is there verbatim, and the heading it stands under. */
export function locateQuote(markdown: string, quote: string): { found: boolean; section?: string } {
  const wanted = quote.replace(/\s+/g, ' ').trim();
  const under = sections(markdown).find((section) => section.text.includes(wanted));
  if (under) return { found: true, section: under.name };
  return { found: normalizeSpecText(markdown).includes(wanted) };
}
