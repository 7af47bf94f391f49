import { z } from 'zod';
import { transportOfScheme } from '../model/transports.js';
import { EraSchema, TransportKindSchema } from '../model/words.js';
import { FailOnSchema } from '../judging/run-report.js';
import { DEFAULT_GATEWAY_STARTUP_MS, DEFAULT_PROBE_INTERVAL_MS } from '../targets/gateway/gateway-target.js';

/** `--shard i/n`: the i-th of n slices of a plan (1-based), for a CI matrix. */
export const ShardSchema = z
  .string()
  .regex(/^\d+\/\d+$/, 'use i/n, e.g. 1/3')
  .transform((value) => {
    const [index = 0, count = 0] = value.split('/').map(Number);
    return { index, count };
  })
  .refine((shard) => shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count, 'i must be between 1 and n');

/** A cell that takes longer than this is a hung target or scenario. */
export const DEFAULT_CELL_TIMEOUT_MS = 60_000;

export const MsSchema = z.coerce.number().int().min(0);

/** What a target is: the options of one mode are refused in the others (they would be ignored). */
export type Mode = 'client' | 'gateway' | 'server';

/**
 * One option of `run` and `demo`, declared once: its schema is the config key's and the flag's validation (with its
 * default), and the same record gives the commander flag, its `--help` line, the modes it is for and the docs table.
 */
export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** The flag as commander takes it: `--name <arg>`, a switch `--name`, or `--no-name` for one that is on by default. */
  flag: string;
  help: string;
  /** The modes it is for (absent: every mode); `selects` marks the option that chooses the mode. */
  modes?: readonly Mode[];
  selects?: true;
  /** Given more than once, each value is kept (a config file may give one value or a list). */
  repeatable?: true;
  /** It shapes the plan or the report, never what one cell does: a cell's reproduce line leaves it out. */
  outsideCell?: true;
}

/** Declares an option, keeping its modes' names in its type (they make the typed option groups). */
const option = <const T extends OptionSpec>(spec: T): T => spec;
/** A repeatable option's schema: one string or a list of them, each checked by `item`. */
const listOf = (item: z.ZodString) => z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item)).default([]);
const text = () => z.string().min(1);
const httpUrl = () => z.string().regex(/^https?:\/\//, 'must be an http(s) URL');
/** A server's URL: http(s), or the scheme of a registered transport that has its own (`tcp://…`). */
const serverUrl = () => z.string().refine((url) => /^https?:\/\//.test(url) || transportOfScheme(url) !== undefined, 'must be an http(s) URL');
const GATEWAY = ['gateway'] as const;
const SERVER = ['server'] as const;

/** Every option of `run` (and, those for every mode, `demo`), in `--help` order. */
export const RUN_OPTIONS = {
  client: option({
    schema: text().optional(), modes: ['client'], selects: true, flag: '--client <command>',
    help: 'the client to test, run through the shell; placeholders {url} {server} {transport} {era} (legacy or modern)',
  }),
  gateway: option({
    schema: text().optional(), modes: GATEWAY, selects: true, flag: '--gateway <command>',
    help: 'a gateway to test instead: placeholders {server} {url} {transport} {era} {port} {config}',
  }),
  downstream: option({
    schema: text().optional(), modes: GATEWAY, flag: '--downstream <stdio|URL>',
    help: 'gateway mode: where the probe connects: stdio (the gateway\'s own stdin/stdout) or a URL, e.g. http://127.0.0.1:{port}/mcp',
  }),
  downstreamTransport: option({
    schema: z.enum(['http', 'sse']).optional(), modes: GATEWAY, flag: '--downstream-transport <http|sse>',
    help: 'gateway mode: protocol of the downstream URL (default: sse when it ends in /sse)',
  }),
  server: option({
    schema: text().optional(), modes: SERVER, selects: true, flag: '--server <command>',
    help: 'a server to test instead: the harness starts it (stdio, or HTTP with {port} and --server-url) and connects as its clients',
  }),
  serverUrl: option({
    schema: serverUrl().optional(), modes: SERVER, selects: true, flag: '--server-url <URL>',
    help: 'server mode: its MCP endpoint, e.g. http://127.0.0.1:{port}/mcp or …/sse; alone: a server already running',
  }),
  changeTool: option({
    schema: text().optional(), modes: SERVER, flag: '--change-tool <name>',
    help: 'server mode: a tool whose call changes the server\'s tools (called by session A)',
  }),
  changeArgs: option({ schema: text().optional(), modes: SERVER, flag: '--change-args <json>', help: 'server mode: the change tool\'s arguments, a JSON object' }),
  changeCmd: option({
    schema: text().optional(), modes: SERVER, flag: '--change-cmd <command>',
    help: 'server mode: a command that changes the server from outside any request; placeholders {port} {pid}',
  }),
  downstreamEra: option({
    schema: EraSchema.optional(), modes: GATEWAY, flag: '--downstream-era <legacy|modern>',
    help: 'gateway mode: the protocol era the probe speaks downstream (default legacy); --era sets the upstream mock\'s',
  }),
  // One template, `stdio=a.json,http=b.json` on the command line, or an object of transport → template in a config file.
  gatewayConfig: option({
    schema: z.union([text(), z.partialRecord(TransportKindSchema, text())]).optional(), modes: GATEWAY,
    flag: '--gateway-config <template>',
    help: 'gateway mode: a config file template rendered into {config}; or one per upstream transport: stdio=a.json,http=b.json',
  }),
  setup: option({
    schema: text().optional(), modes: GATEWAY, flag: '--setup <command>',
    help: 'gateway mode: run once the gateway is up (e.g. register the upstream); it may print "@mcp-notify-check set NAME=value" to set {NAME}',
  }),
  teardown: option({ schema: text().optional(), modes: GATEWAY, flag: '--teardown <command>', help: 'gateway mode: run before the gateway is stopped' }),
  startupTimeout: option({
    schema: z.coerce.number().int().min(1_000).default(DEFAULT_GATEWAY_STARTUP_MS), modes: ['gateway', 'server'], flag: '--startup-timeout <ms>',
    help: `gateway and server mode: how long the target may take to accept a session (default ${DEFAULT_GATEWAY_STARTUP_MS})`,
  }),
  probeInterval: option({
    schema: z.coerce.number().int().min(0).default(DEFAULT_PROBE_INTERVAL_MS), modes: GATEWAY, flag: '--probe-interval <ms>',
    help: `gateway mode: also probe this often between notifications, 0 = off (default ${DEFAULT_PROBE_INTERVAL_MS})`,
  }),
  catalogUrl: option({
    schema: httpUrl().optional(), modes: GATEWAY, flag: '--catalog-url <url>',
    help: 'gateway mode: the gateway\'s REST catalogue, read with every probe as a second view (may use {port})',
  }),
  header: option({
    schema: listOf(text()), modes: GATEWAY, repeatable: true, flag: '--header <Name: value>',
    help: 'gateway mode: a request header for the probe and --catalog-url, e.g. "Authorization: Bearer ${TOKEN}" (repeatable; never reported)',
  }),
  probeCall: option({
    schema: z.boolean().default(true), modes: GATEWAY, flag: '--no-probe-call',
    help: 'gateway mode: do not call an upstream tool after connecting (the call wakes lazy gateways)',
  }),
  alsoDownstream: option({
    schema: listOf(httpUrl()), modes: GATEWAY, repeatable: true, flag: '--also-downstream <URL>',
    help: 'gateway mode: one more user of the gateway, at URL (repeatable), e.g. a second worker at http://127.0.0.1:{port2}/mcp ' +
      '({port2} to {port9} are free ports, as {port} is); gw-tells-every-user judges whether every user is told',
  }),
  transport: option({
    outsideCell: true, schema: z.string().optional(), flag: '--transport <list>', help: 'comma list of stdio, sse, http (default: all)' }),
  era: option({
    outsideCell: true,
    schema: z.string().optional(), flag: '--era <list>',
    help: 'auto, or a comma list of legacy (2025: initialize, sessions) and modern (2026-07-28: server/discover, subscriptions/listen); ' +
      'default: auto (the eras the client speaks) for clients, legacy for gateways and servers',
  }),
  scenario: option({
    outsideCell: true, schema: z.string().optional(), flag: '--scenario <list>', help: 'comma list of scenario ids (default: all built-ins)' }),
  scenarioFile: option({
    outsideCell: true,
    schema: listOf(text()), repeatable: true, flag: '--scenario-file <file>',
    help: 'run a scenario from a JSON file (repeatable); each cell\'s scenario as played is beside its trace',
  }),
  debounce: option({
    schema: MsSchema.optional(), flag: '--debounce <ms>',
    help: 'the debounce window the target is meant to have (judged by debounce-window and gw-debounce-window; gateway waits outlast it)',
  }),
  reporter: option({
    outsideCell: true,
    schema: listOf(text()), repeatable: true, flag: '--reporter <name[:path]>',
    help: 'pretty, json, junit, markdown, html; json without a path goes to stdout (repeatable)',
  }),
  out: option({
    outsideCell: true, schema: text().default('reports'), flag: '--out <dir>', help: 'output directory for traces and report files (default: reports)' }),
  repeat: option({
    outsideCell: true, schema: z.coerce.number().int().min(1).max(100).default(1), flag: '--repeat <n>', help: 'run each cell n times; measurements get p50/p95' }),
  timeout: option({
    schema: z.coerce.number().int().min(1_000).default(DEFAULT_CELL_TIMEOUT_MS), flag: '--timeout <ms>', help: `cap per cell (default ${DEFAULT_CELL_TIMEOUT_MS})`,
  }),
  strict: option({ schema: z.boolean().default(false), flag: '--strict', help: 'warnings fail the run too' }),
  failOn: option({
    schema: FailOnSchema.default('all'), flag: '--fail-on <level>',
    help: 'which severities fail the run: must, should or all (default all); the rest are warnings',
  }),
  quiet: option({
    outsideCell: true, schema: z.boolean().default(false), flag: '--quiet', help: 'no progress or summary on stderr' }),
  // `auto`: from the core count, and one at a time for a gateway whose hooks or catalogue act on shared state.
  jobs: option({
    outsideCell: true,
    schema: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default('auto'), flag: '--jobs <n|auto>',
    help: 'how many cells run at once, each with its own mock and target (default auto: from the core count)',
  }),
  baseline: option({
    outsideCell: true,
    schema: text().optional(), flag: '--baseline <file>',
    help: 'expected failures (JSON or YAML: scenario, scenario:check, scenario:check@transport[.era]); stale entries fail',
  }),
  writeBaseline: option({
    outsideCell: true, schema: text().optional(), flag: '--write-baseline <file>', help: 'write this run\'s failures as a baseline' }),
  shard: option({
    outsideCell: true, schema: ShardSchema.optional(), flag: '--shard <i/n>', help: 'run shard i of n: every n-th cell from the i-th (for a CI matrix)' }),
};

type Specs = typeof RUN_OPTIONS;

/** The options of `run` and `demo`, from flags or a config file (camelCase keys); defaults live in RUN_OPTIONS. */
export const RunOptionsSchema = z.object(
  Object.fromEntries(Object.entries(RUN_OPTIONS).map(([key, spec]) => [key, spec.schema.describe(spec.help)])) as { [K in keyof Specs]: Specs[K]['schema'] },
);
export type RunOptions = z.infer<typeof RunOptionsSchema>;

/** Command-line values override the config file; flags not given fall back to it. */
export function merge(config: Record<string, unknown>, cli: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const [key, value] of Object.entries(cli)) if (value !== undefined) out[key] = value;
  return out;
}

/** The flag of an option as its user types it: `--header`, `--no-probe-call`. */
export const flagName = (spec: OptionSpec): string => spec.flag.split(' ')[0] ?? spec.flag;

/** Each option's value when it is not given. */
export const DEFAULTS: Readonly<Record<string, unknown>> = RunOptionsSchema.parse({});

/** Whether an option holds a value other than its default (given on the command line or in a config file). */
export const isGiven = (key: string, value: unknown): boolean => JSON.stringify(value) !== JSON.stringify(DEFAULTS[key]);

/** The options with their records, in declaration order. */
export const optionEntries = (): [keyof RunOptions, OptionSpec][] =>
  Object.entries(RUN_OPTIONS) as [keyof RunOptions, OptionSpec][];
