import { type Clause, type Revision } from './clause.js';

/** The 2025 era: an `initialize` handshake, on stdio, legacy HTTP+SSE (2024-11-05) or Streamable HTTP. */
export const LEGACY_ERA: readonly Revision[] = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];
/** Streamable HTTP with sessions, the standalone GET stream and `Last-Event-ID` resumption. */
export const STREAMABLE_2025: readonly Revision[] = ['2025-03-26', '2025-06-18', '2025-11-25'];
export const MODERN: readonly Revision[] = ['2026-07-28'];
export const EVERY_REVISION: readonly Revision[] = [...LEGACY_ERA, ...MODERN];

/** One sentence that reads the same in several revisions: a clause for each, each verified in its own revision's file. */
export function across(revisions: readonly Revision[], clause: Omit<Clause, 'revision'>): Clause[] {
  return revisions.map((revision) => ({ revision, ...clause }));
}

type List = 'tools' | 'prompts' | 'resources';
const LISTS: readonly List[] = ['tools', 'prompts', 'resources'];

/** The same sentence on the tools, prompts and resources pages, with the list's name in it. */
function perList(revisions: readonly Revision[], make: (list: List) => Omit<Clause, 'revision'>): Clause[] {
  return LISTS.flatMap((list) => across(revisions, make(list)));
}

const announceQuote = (list: List) =>
  `When the list of available ${list} changes, servers that declared the \`listChanged\` capability SHOULD send a notification`;

/**
 * The server-side rule every revision states for each list: a server that declared `listChanged` SHOULD notify when the
 * list changes; 2026-07-28 names the recipients on the tools and prompts pages (listen streams that asked for it).
 * `keyword` is `none` for checks that quote it as the closest text to a rule it does not itself state.
 */
export function announceClauses(keyword: 'SHOULD' | 'none' = 'SHOULD'): Clause[] {
  const section = 'List Changed Notification';
  return [
    ...perList(LEGACY_ERA, (list) => ({ file: `server/${list}.mdx`, section, keyword, quote: announceQuote(list) })),
    ...perList(MODERN, (list) => ({
      file: `server/${list}.mdx`,
      section,
      keyword,
      quote: list === 'resources'
        ? announceQuote(list)
        : `${announceQuote(list)} to clients that have opened a \`subscriptions/listen\` stream with \`${list}ListChanged: true\``,
    })),
  ];
}

/** Each list's `listChanged` capability, as each page describes it (the resources page as a bullet). */
export function capabilityClauses(revisions: readonly Revision[] = EVERY_REVISION): Clause[] {
  return perList(revisions, (list) => ({
    file: `server/${list}.mdx`,
    section: 'Capabilities',
    keyword: 'none',
    quote: list === 'resources'
      ? '`listChanged`: whether the server will emit notifications when the list of available resources changes.'
      : `\`listChanged\` indicates whether the server will emit notifications when the list of available ${list} changes.`,
  }));
}

/** 2026-07-28: a list is the same for every connection. */
export function noPerConnectionClauses(): Clause[] {
  return perList(MODERN, (list) => ({
    file: `server/${list}.mdx`,
    section: 'Capabilities',
    keyword: 'MUST NOT',
    quote: 'This set MAY be empty and MAY change over time (see List Changed Notification), but MUST NOT vary per-connection ' +
      'or as a side effect of other requests on the connection.',
  }));
}

/** The message flow of a list's page: the client re-lists on the server's list_changed and gets the updated list. */
export function flowClauses(list: 'tools' | 'prompts' = 'tools'): Clause[] {
  const flow = (notification: string) =>
    `Server--)Client: ${notification} Client->>Server: ${list}/list Server-->>Client: Updated ${list}`;
  const section = 'Message Flow';
  return [
    ...across(LEGACY_ERA, { file: `server/${list}.mdx`, section, keyword: 'none', quote: flow(`${list}/list_changed`) }),
    ...across(MODERN, { file: `server/${list}.mdx`, section, keyword: 'none', quote: flow(`notifications/${list}/list_changed`) }),
  ];
}

/** Streamable HTTP: a client told 404 for its session starts a new one (the header's spelling changed in 2025-11-25). */
export function newSessionAfter404Clauses(): Clause[] {
  const quote = (header: string) => `When a client receives HTTP 404 in response to a request containing an \`${header}\`, ` +
    'it MUST start a new session by sending a new `InitializeRequest` without a session ID attached.';
  const clause = { file: 'basic/transports.mdx', section: 'Session Management', keyword: 'MUST' } as const;
  return [
    ...across(['2025-03-26', '2025-06-18'], { ...clause, quote: quote('Mcp-Session-Id') }),
    ...across(['2025-11-25'], { ...clause, quote: quote('MCP-Session-Id') }),
  ];
}
