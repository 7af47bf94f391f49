import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindInMemory } from '../helpers/in-memory-transport.js';
import { HarnessError } from '../../src/errors.js';
import type { Scenario } from '../../src/model/scenario-schema.js';
import { gate } from '../../src/runner/gate.js';
import { estimateMs, expandPlan, runPlan, startOrder, startWidth } from '../../src/runner/plan.js';
import { selectScenarios } from '../../src/scenarios/scenario-registry.js';
import { parseScenario } from '../../src/scenarios/load.js';
import { defineOp } from '../../src/steps/op.js';
import { builtinOps } from '../../src/steps/op-registry.js';
import { inMemoryTarget } from '../helpers/in-memory-target.js';
import { clientTarget } from '../../src/targets/client/client-target.js';
import { cellName } from '../../src/judging/run-report.js';
import type { Target } from '../../src/targets/target.js';

describe('expandPlan', () => {
  it('excludes the cells the target cannot play, each with its written reason', () => {
    const scenarios = selectScenarios(['refresh-on-add', 'stream-dropped', 'gw-propagate-add']);
    const { cells, excluded } = expandPlan(scenarios, ['stdio', 'http'], inMemoryTarget());
    expect(cells.map((cell) => `${cell.scenario.id}.${cell.transport}`)).toEqual([
      'refresh-on-add.stdio', 'refresh-on-add.http', 'stream-dropped.http',
    ]);
    expect(excluded).toEqual([
      { scenario: 'stream-dropped', transport: 'stdio', era: 'legacy', reason: expect.stringMatching(/GET stream|stdio/) },
      { scenario: 'gw-propagate-add', transport: 'stdio', era: 'legacy', reason: 'a gateway scenario: run it with --gateway' },
      { scenario: 'gw-propagate-add', transport: 'http', era: 'legacy', reason: 'a gateway scenario: run it with --gateway' },
    ]);
  });

  it('plays each transport in each era it carries, and says why a scenario leaves an era out', () => {
    const scenarios = selectScenarios(['refresh-on-add', 'stream-dropped']);
    const { cells, excluded } = expandPlan(scenarios, ['stdio', 'sse', 'http'], clientTarget({ command: 'x' }), ['legacy', 'modern']);
    expect(cells.map((cell) => cellName({ scenario: cell.scenario.id, transport: cell.transport, era: cell.era }))).toEqual([
      'refresh-on-add.stdio', 'refresh-on-add.stdio.modern', 'refresh-on-add.sse', 'refresh-on-add.http', 'refresh-on-add.http.modern',
      'stream-dropped.http',
    ]);
    expect(excluded.filter((cell) => cell.transport === 'http')).toEqual([
      { scenario: 'stream-dropped', transport: 'http', era: 'modern', reason: expect.stringMatching(/Last-Event-ID/) },
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
    // No re-list in the whole deadline the scenario waits out: decisive, so the cell is not played a second time.
    expect(report.cells[0]?.attempts).toBe(1);
    expect(report.cells[0]?.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual([
      'relist-after-notify', 'converges',
    ]);
    expect(report.cells[0]?.checks.find((check) => check.id === 'relist-after-notify')).toMatchObject({ status: 'fail', decisive: true });
  });

  it('plays a cell once more when a timing failure could be a slow moment (the trace ends inside the deadline)', async () => {
    // The same client, judged against a deadline longer than the scenario waits: its absence is not conclusive.
    const patient = selectScenarios(['refresh-on-add']).map((scenario) => ({
      ...scenario,
      checks: scenario.checks.map((ref) => (ref.id === 'relist-after-notify' ? { ...ref, options: { ...ref.options, deadlineMs: 60_000 } } : ref)),
    }));
    const report = await playInMemory(patient, inMemoryTarget({ reacts: false }));
    expect(report.cells[0]?.attempts).toBe(2);
    const check = report.cells[0]?.checks.find((result) => result.id === 'relist-after-notify');
    expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/within 60000 ms/) });
    expect(check?.decisive).toBeUndefined();
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

describe('startOrder and the start gate', () => {
  const scenarios = selectScenarios(['early-notification', 'debounce-probe', 'paginated-refresh', 'storm-sustained']);
  const cells = scenarios.map((scenario) => ({ scenario }));

  it('keeps plan order for one job and starts the longest cells first (stable) for several', () => {
    expect(startOrder(cells, 1)).toEqual([0, 1, 2, 3]);
    const order = startOrder(cells, 4).map((index) => scenarios[index]?.id);
    expect(order.slice(0, 2).sort()).toEqual(['debounce-probe', 'storm-sustained']);
    expect(estimateMs(selectScenarios(['debounce-probe'])[0] as Scenario)).toBeGreaterThan(estimateMs(selectScenarios(['early-notification'])[0] as Scenario));
  });

  it('estimates a cell from what its steps\' op records say they wait by design, a new op included', () => {
    const ops = builtinOps().register(defineOp({
      op: 'nap',
      schema: z.object({ op: z.literal('nap'), ms: z.number() }),
      run: () => ({}),
      expectedMs: (step) => step.ms,
    }));
    const scenario = parseScenario({
      id: 'timed',
      title: 'timed',
      steps: [
        { op: 'sleep', ms: 100 },
        { op: 'wait-for', event: 'list-request', timeoutMs: 300, optional: true },
        { op: 'wait-for', event: 'list-request', timeoutMs: 5_000 },
        { op: 'storm', count: 10, intervalMs: 5 },
        { op: 'settle', quietMs: 200 },
        { op: 'notify' },
        { op: 'nap', ms: 40 },
      ],
      checks: [{ id: 'converges' }],
    }, 'test', ops);
    // 500 of start-up, then 100 + 300 (an optional wait's bound) + 0 (a required one ends on its event) + 50 + 200 + 0 + 40.
    expect(estimateMs(scenario, ops)).toBe(1_190);
  });

  it('lets one holder through at a time, in arrival order, and counts a release once', async () => {
    const take = gate(1);
    const first = await take();
    const order: string[] = [];
    const second = take().then((release) => {
      order.push('second');
      return release;
    });
    const third = take().then((release) => {
      order.push('third');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first();
    const releaseSecond = await second;
    expect(order).toEqual(['second']);
    releaseSecond();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });
});

/** Wraps a target: counts how many of its cells are between start and ready at once. */
function countingStarts(inner: Target) {
  const seen = { starting: 0, most: 0, started: 0 };
  const target: Target = {
    ...inner,
    start: async (cell) => {
      seen.started += 1;
      seen.starting += 1;
      seen.most = Math.max(seen.most, seen.starting);
      const running = await inner.start(cell);
      const ready = running.ready.bind(running);
      return Object.assign(running, {
        ready: async (timeoutMs: number, signal: AbortSignal) => {
          const outcome = await ready(timeoutMs, signal);
          seen.starting -= 1;
          return outcome;
        },
      });
    },
  };
  return { target, seen };
}

describe('runPlan with several jobs', () => {
  const fast = () => selectScenarios(['early-notification', 'paginated-refresh', 'in-flight-list']);
  const play = (target: Target, jobs: number) =>
    runPlan({
      scenarios: fast(),
      transports: ['stdio', 'sse'],
      target,
      outDir: mkdtempSync(join(tmpdir(), 'mnc-plan-')),
      repeat: 1,
      strict: false,
      cellTimeoutMs: 20_000,
      jobs,
      bind: (transport, mock) => bindInMemory(mock, transport),
    });
  const verdicts = (report: Awaited<ReturnType<typeof play>>) =>
    report.cells.map((cell) => `${cell.scenario}.${cell.transport} ${cell.checks.map((check) => `${check.id}:${check.status}`).join(' ')}`);

  /**
   * What the in-memory client earns on these cells, from the catalogue: each scenario's checks in order, between
   * target-connects and target-cleanup. It re-lists on every notification without serialising its re-lists, so on
   * in-flight-list the stale answer released last is the one it shows: no-stale-final and converges fail there.
   */
  const EXPECTED = [
    'early-notification.stdio target-connects:pass converges:pass target-survives:pass target-cleanup:pass',
    'early-notification.sse target-connects:pass converges:pass target-survives:pass target-cleanup:pass',
    'paginated-refresh.stdio target-connects:pass follows-pagination:pass converges:pass target-survives:pass target-cleanup:pass',
    'paginated-refresh.sse target-connects:pass follows-pagination:pass converges:pass target-survives:pass target-cleanup:pass',
    'in-flight-list.stdio target-connects:pass no-stale-final:fail converges:fail target-survives:pass target-cleanup:pass',
    'in-flight-list.sse target-connects:pass no-stale-final:fail converges:fail target-survives:pass target-cleanup:pass',
  ];

  it('reports the cells in plan order with the verdicts of a sequential run, at most one target per core starting at once', async () => {
    const sequential = await play(inMemoryTarget(), 1);
    const { target, seen } = countingStarts(inMemoryTarget());
    const parallel = await play(target, 4);
    expect(parallel.error).toBeUndefined();
    expect(parallel.options.jobs).toBe(4);
    expect(sequential.options.jobs).toBeUndefined();
    expect(verdicts(sequential)).toEqual(EXPECTED);
    expect(verdicts(parallel)).toEqual(EXPECTED);
    expect(seen.started).toBe(6);
    expect(seen.most).toBeLessThanOrEqual(startWidth());
  });

  it('starts no more cells after a harness error, and reports it', async () => {
    let starts = 0;
    const broken: Target = {
      ...inMemoryTarget(),
      start: () => {
        starts += 1;
        return Promise.reject(new HarnessError('SPAWN', 'cannot start the target'));
      },
    };
    const report = await play(broken, 2);
    expect(report.error).toMatchObject({ code: 'SPAWN', message: 'cannot start the target' });
    expect(starts).toBeLessThanOrEqual(2);
    expect(report.cells.length).toBe(starts);
  });
});
