import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS_BY_ID } from '../../src/checks/check-registry.js';
import { EVERY_CELL } from '../../src/judging/judge.js';
import { SCENARIOS } from '../../src/scenarios/scenario-registry.js';
import {
  CONTEXTFORGE,
  ISSUE_MAP_FILE,
  type IssueMap,
  IssueMapSchema,
  publishContextForgeReport,
  readIssueMap,
  renderContextForgeReport,
  REPORT_FILE,
} from '../../interop/runner/contextforge-report.js';
import { type CellResult, ResultsSchema, type TargetResult } from '../../interop/runner/results.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** A cell of the synthetic run: `check id → [status, message]`. */
function cell(scenario: string, transport: string, checks: Record<string, [string, string]>): [string, CellResult] {
  const judged = Object.fromEntries(Object.entries(checks).map(([id, [status, message]]) => [id, { status, severity: 'SHOULD', message }]));
  return [`${scenario}.${transport}`, { scenario, transport, era: 'legacy', checks: judged }];
}

const result: TargetResult = {
  name: 'contextforge',
  mode: 'gateway',
  language: 'Python',
  library: 'mcp-contextforge-gateway',
  version: '1.0.7.post20260921',
  transports: ['sse', 'http'],
  eras: ['legacy'],
  buildMs: 1000,
  runMs: 2000,
  runs: [],
  cells: Object.fromEntries([
    cell('gw-propagate-add', 'sse', { 'gw-relays-notification': ['pass', 'relayed 120 ms after the upstream one (refreshing gateway)'] }),
    cell('gw-propagate-add', 'http', {
      'gw-relays-notification': ['fail', 'expected a downstream tools list_changed within 3000 ms;\n  none came | the session was <gone>'],
    }),
    cell('gw-capability-off', 'sse', { 'gw-relays-notification': ['untested', 'no upstream session was open'] }),
    cell('gw-capability-off', 'http', { 'gw-relays-notification': ['untested', 'no upstream session was open'] }),
  ]),
};

const map: IssueMap = {
  issue: 'IBM/mcp-context-forge#3734',
  url: 'https://github.com/IBM/mcp-context-forge/issues/3734',
  title: 'list_changed',
  criteria: [
    {
      id: 'A1',
      section: 'Key questions',
      title: 'Told on every transport?',
      criterion: 'The user hears of an upstream change.',
      answeredBy: [{ scenario: 'gw-propagate-add', check: 'gw-relays-notification' }],
    },
    {
      id: 'A2',
      section: 'Key questions',
      title: 'Capability followed',
      criterion: 'An unadvertised notification is handled.',
      answeredBy: [{ scenario: 'gw-capability-off', check: 'gw-relays-notification' }],
      comment: 'Reported, not judged.',
    },
    {
      id: 'B1',
      section: 'Edge cases',
      title: 'Several workers',
      criterion: 'One change, one refresh.',
      answeredBy: [],
      note: 'One worker runs; several would make it testable.',
    },
    {
      id: 'B2',
      section: 'Edge cases',
      title: 'Storm',
      criterion: 'A storm is bounded.',
      answeredBy: [{ scenario: 'gw-storm', check: 'gw-coalesces' }],
      note: 'The window setting is not varied.',
    },
  ],
};

describe('renderContextForgeReport', () => {
  const page = renderContextForgeReport(result, map).split('\n');

  it('says what was run, from the result', () => {
    expect(page[0]).toBe('# ContextForge and IBM/mcp-context-forge#3734: list_changed, measured');
    const intro = page.find((line) => line.startsWith('mcp-notify-check played'));
    expect(intro).toContain('mcp-notify-check played 2 gateway scenarios against `mcp-contextforge-gateway` 1.0.7.post20260921 (Python) as');
    expect(intro).toContain('on sse and http upstreams in the legacy era (revisions up to 2025-11-25): 4 cells, 4 of which answer an item below');
  });

  it('opens with a row per item and its verdict over every cell that answers it', () => {
    expect(page).toContain('| [A1](#a1-told-on-every-transport) | The user hears of an upstream change. | fail 1/2 |');
    expect(page).toContain('| [A2](#a2-capability-followed) | An unadvertised notification is handled. | untested |');
    expect(page).toContain('| [B1](#b1-several-workers) | One change, one refresh. | untested |');
    expect(page).toContain('| [B2](#b2-storm) | A storm is bounded. | not played |');
  });

  it('gives each answer its verdict per transport, the failing cell\'s message on one line and its trace', () => {
    expect(page).toContain('## Key questions');
    expect(page).toContain('### A1. Told on every transport?');
    expect(page).toContain('Verdict: **fail 1/2**');
    expect(page).toContain('| Scenario | Check | sse | http | Evidence |');
    expect(page).toContain(
      '| `gw-propagate-add` | [`gw-relays-notification`](checks.md#gw-relays-notification-tells-the-gateways-users-about-the-change) | pass | fail | ' +
      '`gw-propagate-add.http`: expected a downstream tools list_changed within 3000 ms; none came \\| the session was &lt;gone> ' +
      '([trace](../interop/contextforge/evidence/gw-propagate-add.http.jsonl)) |',
    );
  });

  it('shows an untested answer with the message that says why, and the item\'s comment', () => {
    expect(page).toContain(
      '| `gw-capability-off` | [`gw-relays-notification`](checks.md#gw-relays-notification-tells-the-gateways-users-about-the-change) | untested | untested | ' +
      '`gw-capability-off.sse`: no upstream session was open |',
    );
    expect(page).toContain('Reported, not judged.');
  });

  it('shows the note of an item nothing answers, and the untested part of one answered in part', () => {
    expect(page).toContain('## Edge cases');
    expect(page).toContain('Verdict: **untested**. One worker runs; several would make it testable.');
    expect(page).toContain('| `gw-storm` | [`gw-coalesces`](checks.md#gw-coalesces-coalesces-a-storm-on-both-sides) | — | — | not played |');
    expect(page).toContain('Verdict: **not played**');
    expect(page).toContain('Untested: The window setting is not varied.');
  });

  it('links a trace only where it is there', () => {
    const none = renderContextForgeReport(result, map, { traceExists: () => false });
    expect(none).toContain('none came \\| the session was &lt;gone> |');
    expect(none).not.toContain('[trace]');
  });
});

describe('the issue map', () => {
  it('refuses an item with no answering check and no note, and a duplicate id', () => {
    const bare = { id: 'X1', section: 'S', title: 't', criterion: 'c', answeredBy: [] };
    expect(IssueMapSchema.safeParse({ ...map, criteria: [bare] }).success).toBe(false);
    expect(IssueMapSchema.safeParse({ ...map, criteria: [map.criteria[0], map.criteria[0]] }).success).toBe(false);
    expect(IssueMapSchema.safeParse(map).success).toBe(true);
  });

  const committed = readIssueMap(root);

  it('names only gateway scenarios that exist, and checks those scenarios run', () => {
    for (const entry of committed.criteria) {
      for (const { scenario, check } of entry.answeredBy) {
        const played = SCENARIOS.get(scenario);
        expect(played?.mode, `${entry.id}: ${scenario}`).toBe('gateway');
        expect(CHECKS_BY_ID.has(check), `${entry.id}: ${check}`).toBe(true);
        const runs = [...EVERY_CELL.first, ...(played?.checks.map((ref) => ref.id) ?? []), ...EVERY_CELL.last];
        expect(runs, `${entry.id}: ${scenario} × ${check}`).toContain(check);
      }
    }
  });

  it('keeps each section of the issue together, in one run of items', () => {
    const sections = committed.criteria.map((entry) => entry.section).filter((section, at, all) => section !== all[at - 1]);
    expect(new Set(sections).size).toBe(sections.length);
  });
});

describe('publishContextForgeReport', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A scratch tree with the committed map and a page already there. */
  function scratch(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cf-report-'));
    made.push(dir);
    mkdirSync(join(dir, 'interop', 'contextforge'), { recursive: true });
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, ISSUE_MAP_FILE), read(ISSUE_MAP_FILE));
    writeFileSync(join(dir, REPORT_FILE), 'as it was\n');
    return dir;
  }

  it('leaves the page alone when the results hold no ContextForge', () => {
    const dir = scratch();
    expect(publishContextForgeReport(dir, { targets: [] })).toEqual([]);
    expect(readFileSync(join(dir, REPORT_FILE), 'utf8')).toBe('as it was\n');
  });

  it('writes the page from the results and the map, and names the map\'s answers no cell ran', () => {
    const dir = scratch();
    const warnings = publishContextForgeReport(dir, { targets: [result] });
    expect(readFileSync(join(dir, REPORT_FILE), 'utf8')).toBe(renderContextForgeReport(result, readIssueMap(dir), { traceExists: () => false }));
    expect(warnings).toContain('docs/contextforge.md: S1 names gw-storm × gw-coalesces, which no contextforge cell ran');
  });
});

describe('the committed page', () => {
  const results = ResultsSchema.parse(JSON.parse(read('interop/results.json')));

  it('docs/contextforge.md is what interop/results.json renders (run npm run interop to regenerate)', () => {
    const contextforge = results.targets.find((target) => target.name === CONTEXTFORGE);
    // Until a run has judged ContextForge, results.json has no entry for it and publish writes no page: nothing to compare.
    if (contextforge === undefined) return;
    const traceExists = (path: string) => existsSync(join(root, path));
    expect(read(REPORT_FILE)).toBe(renderContextForgeReport(contextforge, readIssueMap(root), { traceExists }));
  });
});
