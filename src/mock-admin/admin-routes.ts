import { HarnessError } from '../errors.js';
import type { ItemKind } from '../model/words.js';
import type { MockServer } from '../mock-server/mock-server.js';
import type { StepInput } from '../steps/op-registry.js';
import type { JournalFile } from './journal-file.js';

/** What a route asks for: a step to run through the registry, or a reply read straight from the mock. */
export type RouteResult = { step: Record<string, unknown> } | { reply: unknown; type?: string };

/** A route maps a request to a step op (same schema, bounds and defaults as in scenarios) or to a read of the mock. */
export type Route = (request: {
  mock: MockServer;
  body: Record<string, unknown>;
  url: URL;
  key: string;
  /** The whole journal on disk, when the journal in memory is capped. */
  journalFile?: JournalFile | undefined;
}) => RouteResult;

const step = (op: string, fields: Record<string, unknown> = {}): RouteResult => ({ step: { ...fields, op } });

/** The lists whose items have routes of their own (resource templates are seeded, or added through `POST /steps`). */
export const ROUTED_ITEMS = ['tools', 'resources', 'prompts'] as const;

/**
 * `POST /<path>` runs the step op of the same fields: the admin API's named operations. `startMock()` makes a method of
 * each, so a row here is a route and a method.
 */
export const STEP_ROUTES = {
  'notify': 'notify',
  'resources-updated': 'resource-updated',
  'storm': 'storm',
  'hold': 'hold',
  'release': 'release',
  'delay': 'delay',
  'faults': 'fault',
  'terminate-session': 'terminate-session',
  'drop-stream': 'drop-stream',
  'exit': 'exit',
} as const satisfies Record<string, StepInput['op']>;

/** `POST /tools` adds, `DELETE /tools/<key>` removes, `PATCH /tools/<key>` updates; `notify` announces the change. */
function itemRoutes(item: ItemKind & (typeof ROUTED_ITEMS)[number]): Record<string, Route> {
  return {
    [`POST /${item}`]: ({ body }) => {
      const { notify, ...value } = body;
      return step('add', { item, value, notify });
    },
    [`DELETE /${item}/:key`]: ({ url, key }) => step('remove', { item, key, notify: url.searchParams.get('notify') === 'true' }),
    [`PATCH /${item}/:key`]: ({ body, key }) => {
      const { notify, ...patch } = body;
      return step('update', { item, key, patch, notify });
    },
  };
}

/** The catalogue as it is now, every list with its revision (`GET /catalogue`). */
export function catalogueView(mock: MockServer) {
  const { catalogue } = mock;
  return {
    revision: catalogue.revision,
    tools: catalogue.list('tools'),
    resources: catalogue.list('resources'),
    resourceTemplates: catalogue.list('resourceTemplates'),
    prompts: catalogue.list('prompts'),
  };
}
export type CatalogueView = ReturnType<typeof catalogueView>;

/** Every route of the admin API, by `METHOD /path` (`:key` matches the rest of the path). */
export const ROUTES: Readonly<Record<string, Route>> = {
  'GET /journal': ({ mock, url, journalFile }) => {
    const from = url.searchParams.get('from') ?? '0';
    if (!/^\d+$/.test(from)) {
      throw new HarnessError('BAD_REQUEST', `from: "${from}" is not a sequence number (a whole number 0 or more)`);
    }
    // What the capped journal dropped from memory is read back from disk: the answer is complete either way.
    const first = mock.journal.firstInMemory;
    const older = Number(from) < first && journalFile ? journalFile.linesBetween(Number(from), first) : '';
    return { reply: older + mock.journal.toJsonl(Number(from)), type: 'application/x-ndjson' };
  },
  'GET /catalogue': ({ mock }) => ({ reply: catalogueView(mock) }),
  'GET /sessions': ({ mock }) => ({ reply: { sessions: mock.sessionIds() } }),
  ...Object.fromEntries(ROUTED_ITEMS.flatMap((item) => Object.entries(itemRoutes(item)))),
  ...Object.fromEntries(Object.entries(STEP_ROUTES).map(([path, op]): [string, Route] => [`POST /${path}`, ({ body }) => step(op, body)])),
  /** Any step op the registry knows, as a scenario would write it: `{"op": "storm", "count": 5}`. */
  'POST /steps': ({ body }) => ({ step: body }),
};

/** The route for a request, with the `:key` part decoded. */
export function matchRoute(method: string, path: string): { route: Route; key: string } | undefined {
  const exact = ROUTES[`${method} ${path}`];
  if (exact) return { route: exact, key: '' };
  const slash = path.indexOf('/', 1);
  if (slash === -1) return undefined;
  const route = ROUTES[`${method} ${path.slice(0, slash)}/:key`];
  if (!route) return undefined;
  try {
    return { route, key: decodeURIComponent(path.slice(slash + 1)) };
  } catch {
    throw new HarnessError('BAD_REQUEST', `the key in ${path} is not valid percent-encoding`);
  }
}
