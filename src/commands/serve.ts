import { DUAL, ERAS, erasServed, MockEraSchema } from '../model/eras/all-eras.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { readJsonFile } from '../read-json.js';
import { describeIssues, HarnessError } from '../errors.js';
import { type AdminApi, startAdminApi } from '../mock-admin/admin-api.js';
import { JournalFile } from '../mock-admin/journal-file.js';
import { Journal } from '../trace/journal.js';
import { type CatalogueSeedInput, CatalogueSeedSchema } from '../model/catalogue-schema.js';
import { MockServer } from '../mock-server/mock-server.js';
import { bindTransport, type TransportBinding } from '../mock-server/transports/bind.js';
import { erasOf, transportOf } from '../model/transports.js';
import { serveStdio } from '../mock-server/transports/stdio/stdio.js';
import type { CliIo, ExitCode } from './io.js';
import { parseOptions } from './options.js';
import { TRANSPORT_NAMES, TransportKindSchema } from '../model/words.js';

const port = z.coerce.number().int().min(0).max(65535);

/** Events `serve` keeps in memory; the whole journal is on disk (`--journal`, or a temporary file). */
export const DEFAULT_JOURNAL_CAP = 100_000;
/** A session with nothing open and no request for this long is a client that went away: it is ended and journaled. */
export const DEFAULT_SESSION_IDLE_MS = 10 * 60_000;

export const ServeOptionsSchema = z.object({
  transport: TransportKindSchema,
  era: MockEraSchema.default('legacy'),
  ttlMs: z.coerce.number().int().min(0).default(0),
  port: port.default(0),
  adminPort: port.default(0),
  host: z.string().min(1).default('127.0.0.1'),
  pageSize: z.coerce.number().int().min(0).default(0),
  responseMode: z.enum(['sse', 'json']).default('sse'),
  eventStore: z.boolean().default(false),
  retryMs: z.coerce.number().int().min(0).optional(),
  listChanged: z.boolean().default(true),
  // A file from the command line; the seed itself from startMock().
  catalogue: z.union([z.string(), CatalogueSeedSchema]).optional(),
  journal: z.string().optional(),
  journalCap: z.coerce.number().int().min(1_000).default(DEFAULT_JOURNAL_CAP),
  sessionIdle: z.coerce.number().int().min(0).default(DEFAULT_SESSION_IDLE_MS),
});
export type ServeOptions = z.infer<typeof ServeOptionsSchema>;

/** What `serve` starts with when no catalogue file is given. */
export const DEFAULT_CATALOGUE: CatalogueSeedInput = {
  tools: [
    { name: 'echo', description: 'Echoes its arguments' },
    { name: 'add', description: 'Pretends to add numbers' },
  ],
  resources: [{ uri: 'mock://docs/readme', name: 'readme', text: 'hello' }],
  prompts: [{ name: 'greet', description: 'Says hello' }],
};

export interface RunningMock {
  mock: MockServer;
  /** The line printed on start: `{"mcp":…,"admin":…,"token":…}`. */
  banner: { mcp: string; admin: string; token: string };
  /** Resolves with the exit code when a stdio session ends by itself (client closed stdin, exit fault). */
  ended: Promise<ExitCode>;
  /** Runs one step op as the admin API's routes do (same validation, same reply), in this process. */
  step: AdminApi['step'];
  close(): Promise<void>;
}

async function loadCatalogue(source: ServeOptions['catalogue']): Promise<CatalogueSeedInput> {
  if (typeof source === 'object') return source;
  if (!source) return DEFAULT_CATALOGUE;
  const parsed = CatalogueSeedSchema.safeParse(await readJsonFile(source, 'BAD_CATALOGUE', 'catalogue file'));
  if (!parsed.success) throw new HarnessError('BAD_CATALOGUE', `${source}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Starts the mock on one transport with its admin API; everything started is closed again if a later step fails. */
export async function startServe(
  options: ServeOptions,
  io: Pick<CliIo, 'stdin' | 'stdout'>,
): Promise<RunningMock> {
  const carried = erasOf(options.transport);
  if (!erasServed(options.era).every((era) => carried.includes(era))) {
    const other = TRANSPORT_NAMES.filter((each) => erasOf(each).length > carried.length).join(' or ');
    throw new HarnessError('BAD_OPTION', `--era ${options.era}: ${options.transport} exists only in the ${carried.join(' and ')} era`, `use --transport ${other}`);
  }
  const listChanged = options.listChanged;
  const journal = new Journal({ capacity: options.journalCap });
  const mock = new MockServer({
    journal,
    catalogue: await loadCatalogue(options.catalogue),
    pageSize: options.pageSize,
    era: options.era,
    ttlMs: options.ttlMs,
    capabilities: {
      tools: { listChanged },
      resources: { listChanged, subscribe: true },
      prompts: { listChanged },
    },
  });
  const spillTo = options.journal ?? join(mkdtempSync(join(tmpdir(), 'mcp-notify-check-serve-')), 'journal.jsonl');
  const journalFile = new JournalFile(spillTo, journal);
  const stopReaping = options.sessionIdle > 0 ? mock.reapIdleSessions(options.sessionIdle) : () => undefined;
  let binding: TransportBinding | undefined;
  let admin: AdminApi | undefined;
  let finish: (code: ExitCode) => void = () => {};
  const ended = new Promise<ExitCode>((resolve) => {
    finish = resolve;
  });
  const close = async () => {
    await binding?.close();
    await admin?.close();
    stopReaping();
    await mock.close();
    journalFile.close();
    if (!options.journal) rmSync(dirname(journalFile.path), { recursive: true, force: true });
  };
  try {
    admin = await startAdminApi(mock, { port: options.adminPort, transport: options.transport, journalFile });
    // A transport reached by command: the mock serves on this process's own stdin and stdout.
    if (transportOf(options.transport).addressedBy === 'command') {
      await serveStdio(mock, { input: io.stdin, output: io.stdout, onExit: (code) => finish(code) });
    } else {
      binding = await bindTransport(options.transport, mock, {
        host: options.host,
        port: options.port,
        responseMode: options.responseMode,
        eventStore: options.eventStore,
        ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    mock,
    banner: { mcp: binding?.url ?? 'stdio', admin: admin.url, token: admin.token },
    ended,
    step: admin.step,
    close,
  };
}

/** `mcp-notify-check serve`: the mock standalone, steered by hand through its admin API. */
export function serveCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command('serve')
    .description(
      'run the scriptable mock MCP server standalone; prints {"mcp","admin","token"} as one JSON line on stderr',
    )
    .addOption(new Option('--transport <kind>', 'stdio | sse | http').makeOptionMandatory())
    .addOption(
      new Option('--era <era>', 'legacy (2025: initialize, sessions), modern (2026-07-28: server/discover, subscriptions/listen) or dual (both)')
        .choices([...ERAS, DUAL])
        .default('legacy'),
    )
    .option('--ttl-ms <n>', 'modern era: ttlMs on every list result', '0')
    .option('--port <n>', 'MCP port for sse/http (0: any free port)', '0')
    .option('--admin-port <n>', 'admin API port on 127.0.0.1 (0: any free port)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--page-size <n>', 'items per list page (0: no pagination)', '0')
    .addOption(
      new Option('--response-mode <mode>', 'how http answers POSTs').choices(['sse', 'json']).default('sse'),
    )
    .option('--event-store', 'http: keep standalone-stream events for Last-Event-ID replay', false)
    .option('--retry-ms <n>', 'http: retry hint sent on the standalone stream')
    .option('--no-list-changed', 'do not advertise listChanged (notifications can still be sent)')
    .option('--catalogue <file>', 'initial catalogue (JSON: {tools, resources, resourceTemplates, prompts})')
    .option('--journal <file>', 'also write the journal to this JSONL file as it grows')
    .option('--journal-cap <events>', `events kept in memory; the rest is on disk (default ${DEFAULT_JOURNAL_CAP})`)
    .option('--session-idle <ms>', `end a session idle this long with nothing open, 0 = never (default ${DEFAULT_SESSION_IDLE_MS})`)
    .action(async (raw: Record<string, unknown>) => {
      const running = await startServe(parseOptions(ServeOptionsSchema, raw, 'serve'), io);
      io.stderr.write(`${JSON.stringify(running.banner)}\n`);
      const code = await Promise.race([running.ended, io.interrupted.then(() => 0)]);
      await running.close();
      setExit(code);
    });
}
