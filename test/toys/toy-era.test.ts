import './toy-era.js';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/api/run.js';
import { startMock } from '../../src/api/start-mock.js';
import { ERAS, EraSchema, eraOf, registerEra } from '../../src/model/eras/all-eras.js';
import { selectScenarios } from '../../src/scenarios/scenario-registry.js';
import { connectSession } from '../../src/targets/probe/probe-session.js';
import { scenarioExcludes } from '../../src/targets/target.js';
import type { ListKind } from '../../src/model/words.js';
import { changeCommand } from './change-command.js';

describe('a toy third era, registered from its own file', () => {
  it('is an era like the others: its name is accepted where an era is, and a name taken twice is refused', () => {
    expect(EraSchema.safeParse('toy').success).toBe(true);
    expect(ERAS).toContain('toy');
    expect(eraOf('toy').revisions).toEqual(['2024-11-05']);
    expect(() => registerEra({ ...eraOf('toy') })).toThrow(/already taken/);
    expect(() => registerEra({ ...eraOf('toy'), name: 'dual' })).toThrow(/already taken/);
  });

  it('the mock answers its handshake in its one revision, and the probe is told of a change on the session stream', async () => {
    await using mock = await startMock({ era: 'toy' });
    const told: ListKind[] = [];
    const session = await connectSession('toy', { downstream: { kind: 'http', url: mock.url }, headers: {} }, {
      changed: (list) => told.push(list), closed: () => undefined, listen: () => undefined, refused: () => undefined,
    });
    try {
      const initialized = mock.journal().find((event) => event.kind === 'session-initialized');
      // The probe asked for the newest 2025 revision; the toy era has only 2024-11-05, so the mock answered in it.
      expect(initialized).toMatchObject({ protocolVersion: '2024-11-05' });
      expect(session.announced).toContain('tools');
      // Told on the session's standalone stream: once the probe has opened it.
      await mock.waitForEvent((event) => event.kind === 'stream-opened' && event.role === 'standalone', { fromSeq: 0 });
      await mock.addTool({ name: 'added', inputSchema: { type: 'object' } }, { notify: true });
      await mock.waitForEvent((event) => event.kind === 'notification' && event.delivered);
      await expect.poll(() => told).toEqual(['tools']);
      await expect(session.listen(['tools'])).rejects.toThrow(/2026-07-28/);
    } finally {
      await session.close();
    }
  });

  it('a server run in the toy era plays the scenarios that apply to it, excludes the rest saying why, and judges', async () => {
    await using mock = await startMock({ era: 'toy' });
    const { report, exitCode } = await run({ serverUrl: mock.url, era: 'toy', changeCmd: changeCommand(mock.admin), transport: 'http' });
    const played = report.cells.map((cell) => `${cell.scenario}.${cell.transport}.${cell.era}`);
    expect(played).toContain('server-announces.http.toy');
    expect(report.cells.every((cell) => cell.era === 'toy')).toBe(true);
    // No listen stream and no list hints in this era: those scenarios are left out, saying why.
    const excluded = new Map(report.excluded.map((cell) => [cell.scenario, cell.reason]));
    expect(excluded.get('server-listen')).toBe('not applicable in the toy era: the scenario plays in the 2026-07-28 era only');
    expect(excluded.get('server-resume')).toBe('not applicable in the toy era: the scenario plays in the 2025 era only');
    const statuses = report.cells.flatMap((cell) => cell.checks.map((check) => `${cell.scenario}:${check.id}:${check.status}`));
    expect(statuses).toContain('server-background:server-background:pass');
    expect(statuses.filter((each) => each.endsWith(':fail'))).toEqual([]);
    // The checks speak the era's words (its record's), and grade by the revision the cells spoke: 2024-11-05.
    const background = report.cells.find((cell) => cell.scenario === 'server-background')?.checks.find((check) => check.id === 'server-background');
    expect(background?.message).toMatch(/\[C\] opened no stream for unasked messages \(lost by design\)/);
    expect([...new Set(report.cells.flatMap((cell) => cell.checks.map((check) => check.revision)))]).toEqual(['2024-11-05']);
    // The mock has no tool whose call changes it, so the cells that need one show nothing (exit 1), and fail nothing.
    expect(report.summary.fail).toBe(0);
    expect(exitCode).toBe(1);
  }, 60_000);

  it('an era registered after the scenarios were read plays in every scenario that names none', () => {
    const [relist] = selectScenarios(['refresh-on-add']);
    const [listen] = selectScenarios(['listen-filters']);
    if (!relist || !listen) throw new Error('no refresh-on-add or listen-filters scenario');
    registerEra({ ...eraOf('toy'), name: 'toy-late' });
    expect(relist.eras).toContain('toy-late');
    expect(scenarioExcludes({ mode: 'client' }, relist, 'http', 'toy-late')).toBeUndefined();
    expect(scenarioExcludes({ mode: 'client' }, listen, 'http', 'toy-late')).toMatch(/plays in the 2026-07-28 era only/);
  });
});
