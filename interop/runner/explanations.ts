// A human explains each finding in docs/interop.md under its marker; regenerating the page keeps what they wrote.

const MARKER = /^<!-- explain: (\S+) (\S+) -->$/;

/** The marker a finding's explanation follows: `<!-- explain: <target> <check> -->`. */
export function explainMarker(target: string, check: string): string {
  return `<!-- explain: ${target} ${check} -->`;
}

const keyOf = (target: string, check: string) => `${target} ${check}`;

/** The text written under each marker of a page, up to the next heading, trimmed; keyed by `<target> <check>`. */
export function readExplanations(page: string): Map<string, string> {
  const found = new Map<string, string>();
  let key: string | undefined;
  let lines: string[] = [];
  const close = () => {
    const text = lines.join('\n').trim();
    if (key !== undefined && text !== '') found.set(key, text);
    key = undefined;
    lines = [];
  };
  for (const line of page.split('\n')) {
    const marker = MARKER.exec(line);
    if (marker || line.startsWith('#')) close();
    if (marker) key = keyOf(marker[1] ?? '', marker[2] ?? '');
    else if (key !== undefined) lines.push(line);
  }
  close();
  return found;
}

/** The marker and, when the previous page had one, its explanation: the lines to put in the page. */
export function explanationLines(explanations: ReadonlyMap<string, string>, target: string, check: string): string[] {
  const text = explanations.get(keyOf(target, check));
  return text === undefined ? [explainMarker(target, check), ''] : [explainMarker(target, check), '', text, ''];
}

/** Explanations the previous page had that the new one has no finding for (so they were dropped). */
export function droppedExplanations(previous: string, next: string): string[] {
  const kept = readExplanations(next);
  return [...readExplanations(previous).keys()].filter((key) => !kept.has(key));
}
