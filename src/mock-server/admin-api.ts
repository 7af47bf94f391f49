import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { errorMessage, HarnessError } from '../errors.js';
import { AdminBodies, describeIssues } from './admin-schemas.js';
import type { MockServer } from './mock-server.js';
import { listChangedMethod } from './session.js';
import { foreignOrigin, LOOPBACK_HOSTS, listen, readBody } from './transports/http-common.js';

export interface AdminApi {
  url: string;
  token: string;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown } | { status: number; text: string; type: string };
type Route = (mock: MockServer, body: unknown, url: URL, key: string | undefined) => Reply | Promise<Reply>;

const ok = (body: unknown, status = 200): Reply => ({ status, body });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new HarnessError('BAD_REQUEST', describeIssues(parsed.error));
  return parsed.data;
}

function mutation(
  mock: MockServer,
  list: 'tools' | 'resources' | 'prompts',
  notify: boolean,
  revision: number,
): Reply {
  return ok({ revision, ...(notify ? { deliveries: mock.notify(list) } : {}) });
}

const itemRoutes = (kind: 'tools' | 'resources' | 'prompts'): Record<string, Route> => ({
  [`POST /${kind}`]: (mock, body) => {
    const { notify, ...item } = parse(AdminBodies[kind], body);
    return mutation(mock, kind, notify, mock.add(kind, item));
  },
  [`DELETE /${kind}/:key`]: (mock, _body, url, key) =>
    mutation(mock, kind, url.searchParams.get('notify') === 'true', mock.remove(kind, key ?? '')),
  [`PATCH /${kind}/:key`]: (mock, body, _url, key) => {
    const { notify, ...patch } = parse(AdminBodies.patch, body);
    return mutation(mock, kind, notify, mock.update(kind, key ?? '', patch));
  },
});

const routes: Record<string, Route> = {
  'GET /journal': (mock, _body, url) => ({
    status: 200,
    type: 'application/x-ndjson',
    text: mock.journal.toJsonl(Number(url.searchParams.get('from') ?? 0) || 0),
  }),
  'GET /catalogue': (mock) =>
    ok({
      revision: mock.catalogue.revision,
      tools: mock.catalogue.list('tools'),
      resources: mock.catalogue.list('resources'),
      resourceTemplates: mock.catalogue.list('resourceTemplates'),
      prompts: mock.catalogue.list('prompts'),
    }),
  'GET /sessions': (mock) => ok({ sessions: mock.sessionIds() }),
  ...itemRoutes('tools'),
  ...itemRoutes('resources'),
  ...itemRoutes('prompts'),
  'POST /notify': (mock, body) => {
    const { list, sessions } = parse(AdminBodies.notify, body);
    return ok({ deliveries: mock.notify(list, sessions ? { sessions } : {}) });
  },
  'POST /resources-updated': (mock, body) =>
    ok({ deliveries: mock.notifyResourceUpdated(parse(AdminBodies.resourceUpdated, body).uri) }),
  'POST /storm': async (mock, body) => {
    const storm = parse(AdminBodies.storm, body);
    const from = mock.journal.size;
    await mock.storm(storm);
    const sent = mock.journal.ofKind('notification').filter((event) => event.seq >= from);
    return ok({
      notifications: sent.length,
      delivered: sent.filter((event) => event.delivered).length,
      revision: mock.catalogue.revision,
    });
  },
  'POST /hold': (mock, body) => {
    const { method, count } = parse(AdminBodies.hold, body);
    mock.hold(method, count);
    return ok({ holding: method });
  },
  'POST /release': (mock, body) => ok({ released: mock.release(parse(AdminBodies.release, body).method) }),
  'POST /delay': (mock, body) => {
    const { method, ms } = parse(AdminBodies.delay, body);
    mock.holds.delay(method, ms);
    return ok({ method, ms });
  },
  'POST /faults': (mock, body) => {
    const { fault, count, list } = parse(AdminBodies.fault, body);
    const method = list ? listChangedMethod(list) : undefined;
    if (fault === 'drop') mock.faults.dropNext(count, method);
    else mock.faults.duplicateNext(count, method);
    return ok({ armed: fault, count, ...(method ? { method } : {}) });
  },
  'POST /terminate-session': (mock, body) =>
    ok({ terminated: mock.terminateSession(parse(AdminBodies.sessions, body).sessions) }),
  'POST /drop-stream': (mock, body) =>
    ok({ dropped: mock.dropStream(parse(AdminBodies.sessions, body).sessions) }),
  'POST /exit': (mock, body) => {
    const { code, sessions } = parse(AdminBodies.exit, body);
    return ok({ exited: mock.exitProcess(code, sessions) });
  },
};

const STATUS_OF: Record<string, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_ITEM: 404,
  DUPLICATE_ITEM: 409,
  BAD_UPDATE: 400,
};

function match(method: string, path: string): { route: Route; key?: string } | undefined {
  const exact = routes[`${method} ${path}`];
  if (exact) return { route: exact };
  const slash = path.indexOf('/', 1);
  if (slash === -1) return undefined;
  const route = routes[`${method} ${path.slice(0, slash)}/:key`];
  return route ? { route, key: decodeURIComponent(path.slice(slash + 1)) } : undefined;
}

/** The loopback admin API that steers a running mock (`serve`): bearer token, JSON in and out. */
export async function startAdminApi(
  mock: MockServer,
  options: { port?: number; token?: string } = {},
): Promise<AdminApi> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const allowed = new Set(LOOPBACK_HOSTS);

  const handle = async (req: IncomingMessage): Promise<Reply> => {
    const refused = foreignOrigin(req, allowed);
    if (refused) return ok({ error: refused }, 403);
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return ok(
        { error: 'missing or wrong Authorization: Bearer <token> (the token is in the line serve printed)' },
        401,
      );
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = match(req.method ?? 'GET', url.pathname);
    if (!found)
      return ok({ error: `no route ${req.method} ${url.pathname}`, routes: Object.keys(routes) }, 404);
    const text = await readBody(req);
    if (text === undefined) return ok({ error: 'request body too large' }, 413);
    let body: unknown;
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        return ok({ error: 'body is not valid JSON' }, 400);
      }
    }
    return found.route(mock, body, url, found.key);
  };

  const listener = await listen(
    (req, res) => {
      void handle(req)
        .catch((error: unknown) =>
          ok(
            { error: errorMessage(error) },
            error instanceof HarnessError ? (STATUS_OF[error.code] ?? 400) : 500,
          ),
        )
        .then((reply) => {
          if ('text' in reply) res.writeHead(reply.status, { 'content-type': reply.type }).end(reply.text);
          else
            res
              .writeHead(reply.status, { 'content-type': 'application/json' })
              .end(`${JSON.stringify(reply.body)}\n`);
        });
    },
    { port: options.port ?? 0 },
  );
  return { url: listener.url.href.replace(/\/$/, ''), token, close: () => listener.close() };
}
