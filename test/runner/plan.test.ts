import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindInMemory } from '../../src/mock-server/transports/in-memory.js';
import { expandPlan, runPlan } from '../../src/runner/plan.js';
import { selectScenarios } from '../../src/scenarios/registry.js';
import { inMemoryTarget } from '../../src/targets/in-memory-target.js';
import type { Target } from '../../src/targets/target.js';

describe('expandPlan', () => {
  it('excludes the cells the target cannot play, each with its written reason', () => {
    const scenarios = selectScenarios(['refresh-on-add', 'stream-dropped', 'gw-propagate-add']);
    const { cells, excluded } = expandPlan(scenarios, ['stdio', 'http'], inMemoryTarget());
    expect(cells.map((cell) => `${cell.scenario.id}.${cell.transport}`)).toEqual([
      'refresh-on-add.stdio', 'refresh-on-add.http', 'stream-dropped.http',
    ]);
    expect(excluded).toEqual([
      { scenario: 'stream-dropped', transport: 'stdio', reason: expect.stringMatching(/GET stream|stdio/) },
      { scenario: 'gw-propagate-add', transport: 'stdio', reason: 'a gateway scenario: run it with --gateway' },
      { scenario: 'gw-propagate-add', transport: 'http', reason: 'a gateway scenario: run it with --gateway' },
    ]);
  });
});

/** Plays scenarios on stdio against an in-memory target over an in-memory binding. */
function playInMemory(scenarios: Parameters<typeof runPlan>[0]['scenarios'], target: Target, cellTimeoutMs = 10_000) {
  return runPlan({
    scenarios,
    transports: ['stdio'],
    target,
    outDir: mkdtempSync(join(tmpdir(), 'mnc-plan-')),
    repeat: 1,
    strict: false,
    cellTimeoutMs,
    bind: (transport, mock) => bindInMemory(mock, transport),
  });
}

describe('runPlan on in-memory parts', () => {
  it('plays a built-in scenario, judges it and writes its trace', async () => {
    const report = await playInMemory(selectScenarios(['refresh-on-add']), inMemoryTarget());
    expect(report.error).toBeUndefined();
    expect(report.cells[0]?.checks.map((check) => `${check.id}:${check.status}`)).toEqual([
      'target-connects:pass', 'relist-after-notify:pass', 'converges:pass', 'target-survives:pass', 'target-cleanup:pass',
    ]);
    expect(report.summary).toMatchObject({ pass: 5, fail: 0 });
  });

  it('grades a client that never re-lists as failing, not as a harness error', async () => {
    const report = await playInMemory(selectScenarios(['refresh-on-add']), inMemoryTarget({ reacts: false }));
    expect(report.cells[0]?.error).toBeUndefined();
    expect(report.cells[0]?.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual([
      'relist-after-notify', 'converges',
    ]);
  });
});

describe('runPlan with a target that never connects', () => {
  it('judges every cell (target-connects fails) and goes on to the next, with no harness error', async () => {
    // The built-in steps with a short ready wait: a target that never connects is not waited on for 15 s here.
    const quick = selectScenarios(['refresh-on-add', 'refresh-on-remove']).map((scenario) => ({
      ...scenario,
      steps: scenario.steps.map((step) => (step.op === 'ready' ? { ...step, timeoutMs: 100 } : step)),
    }));
    const report = await playInMemory(quick, inMemoryTarget({ silent: true }), 30_000);
    expect(report.error).toBeUndefined();
    expect(report.cells.map((cell) => [cell.scenario, cell.error, cell.attempts])).toEqual([
      ['refresh-on-add', undefined, 1],
      ['refresh-on-remove', undefined, 1],
    ]);
    for (const cell of report.cells) {
      expect(cell.checks.find((check) => check.id === 'target-connects')).toMatchObject({
        status: 'fail',
        message: expect.stringContaining('never initialized an MCP session on stdio'),
      });
    }
  });
});
