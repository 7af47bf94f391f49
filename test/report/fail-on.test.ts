import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/support/check.js';
import { gradeFailure, type RunReport } from '../../src/judging/run-report.js';
import { writeTrace } from '../../src/trace/file.js';
import { runCli } from '../helpers/cli.js';
import { TraceBuilder } from '../helpers/trace-builder.js';

const failed = (severity: CheckResult['severity']): CheckResult => ({
  id: 'x', severity, specRefs: [], status: 'fail', message: 'broken', evidence: [], measurements: {},
});

describe('gradeFailure', () => {
  it('keeps a failure at or above the threshold', () => {
    expect(gradeFailure(failed('MUST'), 'must').status).toBe('fail');
    expect(gradeFailure(failed('SHOULD'), 'should').status).toBe('fail');
    expect(gradeFailure(failed('best-practice'), 'all').status).toBe('fail');
  });
  it('reports a failure below the threshold as a warning that names why', () => {
    const graded = gradeFailure(failed('SHOULD'), 'must');
    expect(graded).toMatchObject({ status: 'warn', message: 'broken (a SHOULD failure, reported as a warning under --fail-on must)' });
    expect(gradeFailure(failed('robustness'), 'should').status).toBe('warn');
  });
  it('leaves passes alone', () => {
    expect(gradeFailure({ ...failed('info'), status: 'pass' }, 'must').status).toBe('pass');
  });
});

describe('--fail-on through the CLI', () => {
  // One MUST failure (no new session after a 404) and one best-practice failure (no re-list after list_changed).
  const trace = new TraceBuilder()
    .withChecks('reinitializes-after-404', 'relist-after-notify')
    .opened()
    .push({ kind: 'session-initialized', session: 's1', protocolVersion: '2025-11-25' })
    .notify()
    .push({ kind: 'fault', fault: 'terminate-session', session: 's1' })
    .wait(100)
    .push({ kind: 'http-rejected', method: 'GET', path: '/mcp', status: 404, reason: 'Session not found', session: 's1' })
    .wait(6000)
    .build();
  const dir = mkdtempSync(join(tmpdir(), 'mnc-fail-on-'));
  const path = join(dir, 'trace.jsonl');
  const judge = async (level: string) => {
    await writeTrace(path, trace);
    const result = await runCli(['check', '--trace', path, '--fail-on', level, '--reporter', 'json']);
    return { code: result.code, report: JSON.parse(result.stdout) as RunReport };
  };

  it('fails the run on every failure by default', async () => {
    const { code, report } = await judge('all');
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ fail: 2, warn: 0 });
  });
  it('fails only on the MUST with --fail-on must, reporting the rest as warnings', async () => {
    const { code, report } = await judge('must');
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ fail: 1, warn: 1 });
    expect(report.cells[0]?.checks.find((check) => check.id === 'relist-after-notify')?.status).toBe('warn');
  });
  it('rejects an unknown level with exit 2', async () => {
    const result = await runCli(['check', '--trace', path, '--fail-on', 'sometimes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--fail-on/);
  });
});
