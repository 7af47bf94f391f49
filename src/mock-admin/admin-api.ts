import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errorMessage, HarnessError } from '../errors.js';
import type { TransportKind } from '../model/words.js';
import type { MockServer } from '../mock-server/mock-server.js';
import { foreignOrigin, LOOPBACK_HOSTS, listen, readBody } from '../mock-server/transports/http/http-common.js';
import { DEFAULT_OPS, type StepRegistry } from '../steps/op-registry.js';
import { matchRoute, ROUTES } from './admin-routes.js';
import type { JournalFile } from './journal-file.js';

export interface AdminApi {
  url: string;
  token: string;
  /** Runs one step in this process as `POST /steps` does: the same registry, context, validation and reply. */
  step: (raw: unknown) => Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown } | { status: number; text: string; type: string };

const ok = (body: unknown, status = 200): Reply => ({ status, body });

export interface AdminApiOptions {
  port?: number;
  token?: string;
  /** The transport the mock serves (steps such as `teardown` act by transport). */
  transport?: TransportKind;
  /** The step ops the routes run (default: the built-in ones; embedders and tests may register more). */
  ops?: StepRegistry;
  /** The whole journal on disk, for GET /journal when the journal in memory is capped. */
  journalFile?: JournalFile;
}

const STATUS_OF: Record<string, number> = {
  BAD_REQUEST: 400,
  BAD_STEP: 400,
  UNKNOWN_ITEM: 404,
  DUPLICATE_ITEM: 409,
  BAD_UPDATE: 400,
};

/** The loopback admin API that steers a running mock (`serve`): bearer token, JSON in and out. */
export async function startAdminApi(mock: MockServer, options: AdminApiOptions = {}): Promise<AdminApi> {
  const ops = options.ops ?? DEFAULT_OPS;
  const closing = new AbortController();
  const ctx = ops.context({ mock, journal: mock.journal, transport: options.transport ?? 'http', signal: closing.signal });
  const token = options.token ?? randomBytes(18).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const allowed = new Set(LOOPBACK_HOSTS);

  /** The admin API's own refusals are on the journal too: a probe of the control plane is a fact worth keeping. */
  const refuse = (req: IncomingMessage, status: number, error: string): Reply => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    mock.journal.append({ kind: 'http-rejected', method: req.method ?? 'GET', path: `admin:${path}`, status, reason: error });
    return ok({ error }, status);
  };

  const step = async (raw: unknown): Promise<Record<string, unknown>> => {
    const outcome = await ops.run(ctx, raw);
    return outcome.reply ?? (outcome.detail === undefined ? {} : { detail: outcome.detail });
  };

  const handle = async (req: IncomingMessage): Promise<Reply> => {
    const refused = foreignOrigin(req, allowed);
    if (refused) return refuse(req, 403, refused);
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return refuse(req, 401, 'missing or wrong Authorization: Bearer <token> (the token is in the line serve printed)');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = matchRoute(req.method ?? 'GET', url.pathname);
    if (!found) return ok({ error: `no route ${req.method} ${url.pathname}`, routes: Object.keys(ROUTES) }, 404);
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
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return ok({ error: 'body must be a JSON object' }, 400);
    }
    const fields = (body ?? {}) as Record<string, unknown>;
    const request = { mock, body: fields, url, key: found.key, journalFile: options.journalFile };
    const result = found.route(request);
    if ('reply' in result) {
      return typeof result.reply === 'string' ? { status: 200, text: result.reply, type: result.type ?? 'text/plain' } : ok(result.reply);
    }
    return ok(await step(result.step));
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
  const close = async () => {
    closing.abort();
    await listener.close();
  };
  return { url: listener.url.href.replace(/\/$/, ''), token, step, close };
}
