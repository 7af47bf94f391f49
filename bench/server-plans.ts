// The server plans npm run stability plays (section "servers"): every fixture server and the two real servers on every
// transport and era they serve, through every server scenario, so that a verdict decided by scheduling shows as a flip.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Era, TransportKind } from '../src/model/words.js';
import { gate } from '../src/runner/gate.js';
import { runPlan, startWidth } from '../src/runner/plan.js';
import { SCENARIOS } from '../src/scenarios/scenario-registry.js';
import { serverTarget } from '../src/targets/server/server-target.js';
import type { ServerOptions } from '../src/targets/server/server-options.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = `${root}dist/test/fixtures/servers/`;
const EVERYTHING = `${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;

interface ServerPlan {
  name: string;
  transport: TransportKind;
  era: Era;
  options: Omit<ServerOptions, 'startupTimeoutMs'>;
}

/** How a fixture takes its HTTP transport and port (fastmcp serves both HTTP transports from one mode). */
const FIXTURE_HTTP = (transport: TransportKind) => `--transport ${transport} --port {port}`;
const FASTMCP_HTTP = () => '--transport http-stream --port {port} --host 127.0.0.1';

/** A fixture server on one transport and era, changed by its tool and by touching the file it watches. */
function fixturePlan(name: string, transport: TransportKind, era: Era, watched: string, httpArgs = FIXTURE_HTTP): ServerPlan {
  const command = `MCP_FIXTURE_CHANGE_FILE=${watched} node ${FIXTURES}${name}.js${era === 'modern' ? ' --era modern' : ''}`;
  const http = transport === 'stdio' ? {} : {
    command: `${command} ${httpArgs(transport)}`,
    url: `http://127.0.0.1:{port}/${transport === 'sse' ? 'sse' : 'mcp'}`,
  };
  return { name, transport, era, options: { command, ...http, changeTool: 'change_catalogue', changeCmd: `touch ${watched}` } };
}

export function serverPlans(): ServerPlan[] {
  const watched = join(mkdtempSync(join(tmpdir(), 'mnc-stability-servers-')), 'change-{port}');
  const legacy: TransportKind[] = ['stdio', 'sse', 'http'];
  const plans: ServerPlan[] = [];
  for (const name of ['well-behaved', 'per-session', 'notify-before-update', 'silent-background', 'unadvertised', 'throttled']) {
    for (const transport of legacy) plans.push(fixturePlan(name, transport, 'legacy', watched));
    for (const transport of ['stdio', 'http'] as const) plans.push(fixturePlan(name, transport, 'modern', watched));
  }
  for (const name of ['resumable', 'sdk-event-store']) plans.push(fixturePlan(name, 'http', 'legacy', watched));
  plans.push(fixturePlan('broadcasting', 'stdio', 'modern', watched));
  const gzip = { changeTool: 'gzip-file-as-resource', changeArgs: { name: 'notify-check.gz', data: 'data:text/plain;base64,aGVsbG8=' } };
  plans.push({ name: 'everything', transport: 'stdio', era: 'legacy', options: { command: `node ${EVERYTHING} stdio`, ...gzip } });
  for (const [transport, mode] of [['sse', 'sse'], ['http', 'streamableHttp']] as const) {
    const url = `http://127.0.0.1:{port}/${transport === 'sse' ? 'sse' : 'mcp'}`;
    plans.push({ name: 'everything', transport, era: 'legacy', options: { command: `PORT={port} node ${EVERYTHING} ${mode}`, url, ...gzip } });
  }
  for (const transport of legacy) plans.push(fixturePlan('fastmcp-server', transport, 'legacy', watched, FASTMCP_HTTP));
  return plans;
}

/** Every server plan once, `jobs` cells at a time: `plan scenario [transport.era] check` → status. */
export async function serverVerdicts(jobs: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const startGate = jobs > 1 ? gate(startWidth()) : undefined;
  const scenarios = [...SCENARIOS.values()].filter((scenario) => scenario.mode === 'server');
  const queue = serverPlans();
  const lanes = Math.max(1, Math.floor(jobs / 2));
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      const report = await runPlan({
        scenarios,
        transports: [plan.transport],
        eras: [plan.era],
        target: serverTarget({ ...plan.options, startupTimeoutMs: 20_000 }),
        outDir: join(tmpdir(), `mnc-stability-server-${plan.name}-${plan.transport}-${plan.era}`),
        repeat: 1,
        strict: false,
        cellTimeoutMs: 60_000,
        jobs,
        ...(startGate ? { startGate } : {}),
      });
      for (const cell of report.cells) {
        for (const check of cell.checks) out[`${plan.name} ${cell.scenario} [${plan.transport}.${plan.era}] ${check.id}`] = check.status;
        if (cell.error) out[`${plan.name} ${cell.scenario} [${plan.transport}.${plan.era}] harness`] = `error ${cell.error.code}`;
      }
    }
  }));
  return out;
}
