import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/checks/check-registry.js';
import { makeReport } from '../../src/judging/run-report.js';
import { REPORTERS } from '../../src/reporters/reporter-registry.js';
import { writeTrace } from '../../src/trace/file.js';
import { TraceBuilder } from '../helpers/trace-builder.js';
import { PassThrough } from 'node:stream';

const run = promisify(execFile);
/** Debian's chromium (.ci/run installs it when missing; `npm run test:browser` runs this file, `npm test` does not). */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

describe('the HTML report in a real browser', () => {
  it('shows a failed check\'s evidence ringed on its timeline, with its reason and an evidence table', async () => {
    expect(CHROMIUM, 'chromium is needed (Debian package chromium; .ci/run installs it)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'mnc-html-'));
    // A refresh that read page 1 only: follows-pagination fails citing the request and the page it got.
    const trace = new TraceBuilder().opened().snapshot({ tools: ['a', 'b', 'c'] })
      .request('tools').wait(1).serve('tools', ['a'], 0, { nextCursor: 'p2' }).wait(5)
      .request('tools', { cursor: 'p2' }).wait(1).serve('tools', ['b', 'c'], 0, { cursor: 'p2' }).wait(100)
      .mutate('d', 1).notify().wait(50).request('tools').wait(1).serve('tools', ['a'], 1, { nextCursor: 'p2' }).wait(500)
      .snapshot({ tools: ['a', 'b', 'c', 'd'] }, 1).build();
    const tracePath = join(dir, 'paginated-refresh.http.jsonl');
    await writeTrace(tracePath, trace);
    const check = evaluateCheck('follows-pagination', trace);
    expect(check.status).toBe('fail');
    const cells = [{ scenario: 'paginated-refresh', transport: 'http' as const, era: 'legacy' as const, durationMs: 700, attempts: 1, trace: tracePath, checks: [check] }];
    const report = makeReport(
      { target: 'fixture', startedAt: '', durationMs: 700, options: { transports: ['http'], eras: ['legacy'], scenarios: [], repeat: 1, strict: false, failOn: 'all' }, cells, excluded: [] },
      { name: 'mcp-notify-check', version: 'test' },
    );
    const ctx = { stdout: new PassThrough(), stderr: new PassThrough(), outDir: dir, color: false };
    const page = (await REPORTERS.html?.(report, join(dir, 'report.html'), ctx)) ?? '';
    const browser = [CHROMIUM ?? '', '--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars'];
    const { stdout: dom } = await run(browser[0] ?? '', [...browser.slice(1), '--dump-dom', `file://${page}`], { timeout: 60_000 });
    const ring = /<circle class="evidence" data-check="follows-pagination" data-seq="(\d+)"/g;
    const rings = [...dom.matchAll(ring)].map((m) => Number(m[1]));
    expect(rings.length).toBeGreaterThan(0);
    expect(rings.every((seq) => check.evidence.includes(seq))).toBe(true);
    expect(dom).toContain('✗ follows-pagination:');
    expect(dom).toMatch(/<table class="evidence">/);
    const shot = ['--window-size=1280,900', `--screenshot=${join(dir, 'report.png')}`, `file://${page}`];
    await run(browser[0] ?? '', [...browser.slice(1), ...shot], { timeout: 60_000 });
    expect(existsSync(join(dir, 'report.png'))).toBe(true);
  }, 120_000);
});
