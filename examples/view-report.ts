// The view reports an example client prints for mcp-notify-check: the names it shows its users for one list.

/** Prints one view report line: `@mcp-notify-check view {"list":…,"names":[…]}`. */
export function reportView(list: string, names: string[]): void {
  process.stdout.write(`@mcp-notify-check view ${JSON.stringify({ list, names })}\n`);
}

type Named = { name: string } | { uri: string };
const nameOf = (item: Named) => ('uri' in item ? item.uri : item.name);

/** Reports a list of SDK items (tools and prompts by name, resources by URI). */
export function reportItems(list: string, items: Named[]): void {
  reportView(list, items.map(nameOf));
}

/** An SDK `listChanged` `onChanged` callback for `list` that reports each refreshed list; `who` names a failed refresh. */
export const reportOnChanged = (who: string) => (list: string) => (error: Error | null, items: Named[] | null) => {
  if (error) process.stderr.write(`${who}: refresh of ${list} failed: ${error.message}\n`);
  else if (items) reportItems(list, items);
};
