import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../src/checks/check-registry.js';
import type { CheckResult } from '../src/checks/support/check.js';
import { REPORTERS, parseReporter, type ReporterContext } from '../src/reporters/reporter-registry.js';
import { formatCell } from '../src/reporters/pretty.js';
import { marksOf } from '../src/reporters/timeline.js';
import type { RunReport } from '../src/judging/run-report.js';
import { summarize } from '../src/judging/run-report.js';
import { TraceBuilder } from './helpers/trace-builder.js';
import { junitProblems } from './helpers/junit-schema.js';
import { writeTrace } from '../src/trace/file.js';

async function sample(): Promise<{ report: RunReport; ctx: ReporterContext; stdout: PassThrough }> {
  const dir = await mkdtemp(join(tmpdir(), 'mnc-report-'));
  const trace = new TraceBuilder().opened().snapshot({ tools: ['a'] }).relist('tools', ['a'], 0).mutate('b<&>', 1).notify().notify('tools', false)
    .wait(60).relist('tools', ['a', 'b<&>'], 1).view('tools', ['a', 'b<&>']).snapshot({ tools: ['a', 'b<&>'] }, 1).build();
  const tracePath = join(dir, 'cell.jsonl');
  await writeTrace(tracePath, trace);
  // A pass, an untested check (one notification is no burst) and a failure, as a cell of a real run has them.
  const clause = { revision: '2025-11-25', file: 'server/tools.mdx', section: 'Message Flow', keyword: 'none', quote: 'Client->>Server: tools/list' } as const;
  const failed: CheckResult = {
    id: 'converges', severity: 'best-practice', specRefs: [], status: 'fail', message: 'the final view is missing [c]', evidence: [], measurements: {}, clause,
  };
  const checks = [evaluateCheck('relist-after-notify', trace), evaluateCheck('coalesces-burst', trace), failed];
  const cells = [{ scenario: 'refresh-on-add', transport: 'http' as const, era: 'legacy' as const, durationMs: 1200, attempts: 1, trace: tracePath, checks }];
  const report: RunReport = {
    tool: { name: 'mcp-notify-check', version: 'test' },
    target: 'node client.js "quoted"',
    startedAt: new Date(0).toISOString(),
    durationMs: 1300,
    options: { transports: ['http'], eras: ['legacy'], scenarios: ['refresh-on-add'], repeat: 1, strict: false, failOn: 'all' },
    cells,
    excluded: [{ scenario: 'stream-dropped', transport: 'stdio', era: 'legacy', reason: 'stdio has a single stream' }],
    summary: summarize(cells),
  };
  const stdout = new PassThrough();
  return { report, stdout, ctx: { stdout, stderr: new PassThrough(), outDir: dir, color: false } };
}

describe('reporters', () => {
  it('writes JSON with the contract fields to stdout when no path is given', async () => {
    const { report, ctx, stdout } = await sample();
    let text = '';
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await REPORTERS.json?.(report, undefined, ctx);
    const parsed = JSON.parse(text) as RunReport;
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['tool', 'target', 'cells', 'summary']));
    expect(parsed.cells[0]?.checks[0]).toMatchObject({ id: 'relist-after-notify', status: 'pass', severity: 'best-practice' });
    expect(parsed.cells[0]?.checks[1]).toMatchObject({ id: 'coalesces-burst', status: 'untested' });
    expect(parsed.summary).toEqual({ pass: 1, fail: 1, warn: 0, skip: 0, info: 0, xfail: 0, untested: 1, inconclusive: 0 });
  });

  it('writes JUnit XML with one failure per failed check, escaped', async () => {
    const { report, ctx } = await sample();
    const path = await REPORTERS.junit?.(report, undefined, ctx);
    const xml = await readFile(path ?? '', 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<testcase classname="refresh-on-add.http" name="coalesces-burst"><skipped message="untested: ');
    expect(xml).toMatch(/<testsuites [^>]*tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml).not.toContain('b<&>');
  });

  it('writes a self-contained HTML page with a timeline built from the trace', async () => {
    const { report, ctx } = await sample();
    const html = await readFile((await REPORTERS.html?.(report, undefined, ctx)) ?? '', 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('NOT delivered: no standalone GET stream open');
    expect(html).toContain('b&lt;&amp;&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('stream-dropped on stdio, legacy: stdio has a single stream');
  });

  it('draws a 2026-07-28 probe\'s listen stream downstream on the listen-stream lane (gateway mode)', () => {
    const trace = new TraceBuilder().push({ kind: 'probe-listen', state: 'acknowledged', detail: 'toolsListChanged' })
      .wait(10).push({ kind: 'probe-listen', state: 'ended', detail: 'ended by the gateway (remote)' }).build();
    expect(marksOf(trace.events).map((mark) => [mark.lane, mark.tone, mark.label.split(' (t=')[0]])).toEqual([
      ['listen stream', 'ok', 'the probe\'s listen stream downstream acknowledged: toolsListChanged'],
      ['listen stream', 'bad', 'the probe\'s listen stream downstream ended: ended by the gateway (remote)'],
    ]);
  });

  it('keeps JUnit parseable by a real XML parser when the target reports control characters', async () => {
    const { report, ctx } = await sample();
    const hostile = 'view \u001b[31mred\u0007 \ud800 | <b>';
    const first = report.cells[0];
    if (first?.checks[1]) first.checks[1] = { ...first.checks[1], message: hostile };
    const path = (await REPORTERS.junit?.(report, undefined, ctx)) ?? '';
    expect(await junitProblems(path)).toEqual([]);
    const xml = await readFile(path, 'utf8');
    expect(xml).toContain('view \\u001b[31mred\\u0007 \\ud800 | &lt;b&gt;');
    expect(xml).toContain(`trace: ${first?.trace ?? ''}`);
    expect(xml).toMatch(/<testsuites [^>]*errors="0"/);
  });

  it('neutralises control characters on the terminal and escapes Markdown and HTML', async () => {
    const { report, ctx } = await sample();
    const first = report.cells[0];
    if (first?.checks[1]) first.checks[1] = { ...first.checks[1], message: 'a \u001b[2J | <img src=x> `code`' };
    expect(formatCell(first ?? report.cells[0]!, ctx)).not.toContain('\u001b');
    const markdown = await readFile((await REPORTERS.markdown?.(report, undefined, ctx)) ?? '', 'utf8');
    expect(markdown).toContain('a \\u001b\\[2J \\| &lt;img src=x&gt; \\`code\\`');
  });

  it('fails an inconclusive cell in JUnit, and shows eras not played as skipped cases with their reason', async () => {
    const { report, ctx } = await sample();
    const only = report.cells[0]!;
    const cell = { ...only, checks: only.checks.slice(0, 2).map((check) => ({ ...check, status: 'untested' as const })), inconclusive: 'no check could be judged: x' };
    const unplayed = [{ transport: 'http' as const, era: 'modern' as const, reason: '2026-07-28 cells not run on http: the client speaks 2025-11-25 only' }];
    const xml = await readFile((await REPORTERS.junit?.({ ...report, cells: [cell], unplayed, summary: summarize([cell]) }, undefined, ctx)) ?? '', 'utf8');
    expect(xml).toContain('name="inconclusive"><failure message="no check could be judged: x" type="inconclusive"/>');
    expect(xml).toContain('<testcase classname="mcp-notify-check.eras" name="http.modern"><skipped message="2026-07-28 cells not run on http: the client speaks 2025-11-25 only"/>');
    expect(xml).toMatch(/<testsuites [^>]*tests="4" failures="1" errors="0" skipped="3"/);
  });

  it('quotes the clause a failure stands on in every reporter', async () => {
    const { report, ctx } = await sample();
    const line = '2025-11-25 server/tools.mdx § Message Flow (no keyword): "Client->>Server: tools/list"';
    expect(formatCell(report.cells[0]!, ctx)).toContain(`best-practice · ${line}`);
    expect(await readFile((await REPORTERS.junit?.(report, undefined, ctx)) ?? '', 'utf8')).toContain('clause: 2025-11-25 server/tools.mdx § Message Flow (no keyword): &quot;Client-&gt;&gt;Server: tools/list&quot;');
    expect(await readFile((await REPORTERS.markdown?.(report, undefined, ctx)) ?? '', 'utf8')).toContain('<br>best-practice: 2025-11-25 server/tools.mdx § Message Flow');
    expect(await readFile((await REPORTERS.html?.(report, undefined, ctx)) ?? '', 'utf8')).toContain('<q class="clause">2025-11-25 server/tools.mdx § Message Flow (no keyword): &quot;Client-&gt;&gt;Server: tools/list&quot;</q>');
  });

  it('gives a failed cell\'s reproduce line in every reporter, and none for a cell that passed', async () => {
    const { report, ctx, stdout } = await sample();
    const line = 'mcp-notify-check run --client \'node client.js\' --scenario refresh-on-add --transport http --era legacy';
    const cell = { ...report.cells[0]!, reproduce: line };
    const failed = { ...report, cells: [cell] };
    expect(formatCell(cell, ctx).split('\n').at(-1)).toBe(`    reproduce: ${line}`);
    expect(await readFile((await REPORTERS.junit?.(failed, undefined, ctx)) ?? '', 'utf8')).toContain(`reproduce: ${line.replaceAll('\'', '&apos;')}`);
    expect(await readFile((await REPORTERS.markdown?.(failed, undefined, ctx)) ?? '', 'utf8')).toContain(`Reproduce a failed cell:\n\n\`\`\`sh\n${line}\n\`\`\``);
    expect(await readFile((await REPORTERS.html?.(failed, undefined, ctx)) ?? '', 'utf8')).toContain(`reproduce: <code>${line}</code>`);
    await REPORTERS.json?.(failed, undefined, ctx);
    expect((JSON.parse(String(stdout.read())) as RunReport).cells[0]?.reproduce).toBe(line);
    expect(formatCell(report.cells[0]!, ctx)).not.toContain('reproduce:');
    expect(await readFile((await REPORTERS.markdown?.(report, undefined, ctx)) ?? '', 'utf8')).not.toContain('Reproduce');
  });

  it('counts a stopped run as an error at the JUnit root, not as zero tests', async () => {
    const { report, ctx } = await sample();
    const stopped = { ...report, cells: [], summary: summarize([]), error: { code: 'INTERRUPTED', message: 'interrupted' } };
    const xml = await readFile((await REPORTERS.junit?.(stopped, undefined, ctx)) ?? '', 'utf8');
    expect(xml).toMatch(/<testsuites name="mcp-notify-check" tests="1" failures="0" errors="1"/);
  });

  it('parses name[:path] and refuses unknown reporters', () => {
    expect(parseReporter('json:out/r.json')).toEqual({ name: 'json', path: 'out/r.json' });
    expect(() => parseReporter('xml')).toThrow(/unknown reporter "xml"/);
    expect(() => parseReporter('json:')).toThrow(/empty path/);
  });
});
