import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/scenario-registry.js';
import { CLI } from '../helpers/cli.js';

const run = promisify(execFile);
const NEVER_RELISTS = fileURLToPath(new URL('../../dist/test/fixtures/targets/never-relists.js', import.meta.url));
/** A pipe's buffer on Linux: output beyond it is what an early exit loses. */
const PIPE_BUFFER = 64 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'mnc-pipes-'));
// The consumer reads only after a pause, as `jq` on a busy machine may: the pipe is full long before it starts.
const CONSUMER = join(dir, 'consumer.mjs');
writeFileSync(CONSUMER, `import { readFileSync, writeFileSync } from 'node:fs';
setTimeout(() => {
  const text = readFileSync(0, 'utf8');
  JSON.parse(text);
  writeFileSync(process.argv[2], text);
}, 300);
`);
// A storm of 12,000 additions a client never re-lists: converges fails naming every one, a report of about 150 KB.
const SCENARIO = join(dir, 'big-storm.json');
writeFileSync(SCENARIO, JSON.stringify({
  id: 'big-storm',
  title: 'A storm of additions nobody re-lists',
  catalogue: { tools: [{ name: 'alpha' }] },
  steps: [{ op: 'ready' }, { op: 'await-settled' }, { op: 'storm', count: 12_000, intervalMs: 0, mutate: true }, { op: 'settle', quietMs: 100 }],
  checks: [{ id: 'converges' }],
}));

/** Runs `mcp-notify-check <args> | node consumer.mjs` in a shell; the consumer fails unless all it read parses. */
async function piped(args: string[]): Promise<{ bytes: number; json: unknown }> {
  const quoted = args.map((arg) => `'${arg.replaceAll('\'', '\'\\\'\'')}'`).join(' ');
  const received = join(mkdtempSync(join(dir, 'run-')), 'received.json');
  const env = { ...process.env, NODE: process.execPath, CLI, CONSUMER, RECEIVED: received };
  await run('sh', ['-c', `"$NODE" "$CLI" ${quoted} | "$NODE" "$CONSUMER" "$RECEIVED"`], { env, timeout: 60_000 });
  const text = readFileSync(received, 'utf8');
  return { bytes: Buffer.byteLength(text), json: JSON.parse(text) };
}

/** The message of the converges check in a JSON report's first cell. */
function convergesMessage(json: unknown): string {
  const report = json as { cells: { checks: { id: string; message: string }[] }[] };
  return report.cells[0]?.checks.find((check) => check.id === 'converges')?.message ?? '';
}

describe('output through a pipe', () => {
  it('delivers all of list scenarios --json to a reader that starts late', async () => {
    const { bytes, json } = await piped(['list', 'scenarios', '--json']);
    expect(bytes).toBeGreaterThan(PIPE_BUFFER);
    expect((json as unknown[]).length).toBe(SCENARIOS.size);
  });

  it('delivers all of a large run --reporter json, and check --reporter json of its trace', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const ran = await piped(['run', '--client', `node ${NEVER_RELISTS}`, '--scenario-file', SCENARIO, '--transport', 'stdio', '--era', 'legacy',
      '--reporter', 'json', '--quiet', '--out', out]);
    expect(ran.bytes).toBeGreaterThan(2 * PIPE_BUFFER);
    expect(convergesMessage(ran.json)).toContain('storm-12000]');
    const checked = await piped(['check', '--trace', join(out, 'traces', 'big-storm.stdio.jsonl'), '--reporter', 'json']);
    expect(checked.bytes).toBeGreaterThan(2 * PIPE_BUFFER);
    expect(convergesMessage(checked.json)).toContain('storm-12000]');
  }, 60_000);
});
