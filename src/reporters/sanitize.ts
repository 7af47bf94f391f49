/**
 * Every string that came from a target (view names, error lines, check messages that quote them) is made safe for
 * the sink it goes to: a target that reports a name with ESC or BEL must not break an XML parser or a terminal.
 */

// Matching control characters is the point of these two patterns.
/* eslint-disable no-control-regex */
/** C0 controls but tab and newline, DEL, C1 controls: shown as \u001b instead of acting. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** What XML 1.0 forbids outright (controls, U+FFFE/FFFF, lone surrogates). */
const XML_INVALID = new RegExp(
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
  'g',
);
/* eslint-enable no-control-regex */

const visible = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** For a terminal: control characters are shown, never sent. */
export function forTerminal(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** For XML text and attributes (JUnit): invalid characters shown escaped, markup characters as entities. */
export function forXml(text: string): string {
  return text
    .replace(XML_INVALID, visible)
    .replace(CONTROLS, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** For HTML text and attributes. */
export function forHtml(text: string): string {
  return text.replace(CONTROLS, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** For one Markdown table cell: no markup, no pipes, no line breaks. */
export function forMarkdownCell(text: string): string {
  return forHtml(text).replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/([`*_[\]])/g, '\\$1');
}
