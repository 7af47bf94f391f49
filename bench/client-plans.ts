// The client plans that npm run stability and npm run soak both play: the reference client on every scenario and
// transport, and each fixture client where it is meant to go red (or, for the rename and polling classes, to pass).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkById } from '../src/checks/check-registry.js';
import { type Era, type TransportKind } from '../src/model/words.js';
import { placeOf } from '../src/judging/run-report.js';
import { gate } from '../src/runner/gate.js';
import { runPlan, startWidth } from '../src/runner/plan.js';
import { SCENARIOS, selectScenarios } from '../src/scenarios/scenario-registry.js';
import { clientTarget } from '../src/targets/client/client-target.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (name: string) => `node ${root}dist/test/fixtures/targets/${name}.js`;

/** Targets and the cells they run. */
export interface Plan {
  name: string;
  target: string;
  scenarios: string[];
  transports: TransportKind[];
  /** Default: legacy only (the fixtures' flaws are era-specific). */
  eras?: Era[];
  debounceMs?: number;
}

export const PLANS: Plan[] = [
  {
    name: 'reference',
    target: `node ${root}dist/examples/reference-client/main.js`,
    scenarios: [...SCENARIOS.values()].filter((s) => s.mode === 'client').map((s) => s.id),
    transports: ['stdio', 'sse', 'http'],
    eras: ['legacy', 'modern'],
  },
  { name: 'never-relists', target: fixture('never-relists'), scenarios: ['refresh-on-add'], transports: ['stdio'] },
  // One configuration, two flaws: every notification re-listed (storm-burst), and the last answer shown (in-flight-list).
  {
    name: 'relists-every-notification', target: fixture('relists-every-notification'), scenarios: ['storm-burst', 'in-flight-list'],
    transports: ['sse', 'stdio'],
  },
  { name: 'trailing-debounce-starves', target: fixture('trailing-debounce-starves'), scenarios: ['storm-sustained'], transports: ['http'] },
  { name: 'first-page-only', target: fixture('first-page-only'), scenarios: ['paginated-refresh'], transports: ['http'] },
  { name: 'relists-everything', target: fixture('relists-everything'), scenarios: ['multi-list'], transports: ['sse'] },
  { name: 'ignores-404', target: fixture('ignores-404'), scenarios: ['session-terminated'], transports: ['http'] },
  { name: 'no-resume', target: fixture('no-resume'), scenarios: ['stream-dropped'], transports: ['http'] },
  { name: 'crashes-under-storm', target: fixture('crashes-under-storm'), scenarios: ['storm-burst'], transports: ['stdio'] },
  { name: 'slow-debounce', target: fixture('slow-debounce'), scenarios: ['debounce-probe'], transports: ['stdio'], debounceMs: 50 },
  { name: 'polling', target: fixture('polling'), scenarios: ['refresh-on-add', 'debounce-probe'], transports: ['stdio'] },
  { name: 'poll-and-react', target: fixture('poll-and-react'), scenarios: ['refresh-on-add'], transports: ['http'] },
  { name: 'prefixes-names', target: fixture('prefixes-names'), scenarios: ['storm-burst'], transports: ['stdio'] },
  { name: 'changes-separators', target: fixture('changes-separators'), scenarios: ['storm-burst'], transports: ['sse'] },
  { name: 'no-sse', target: fixture('no-sse'), scenarios: ['refresh-on-add', 'in-flight-list'], transports: ['sse'] },
  { name: 'no-relisten', target: fixture('no-relisten'), scenarios: ['listen-dropped'], transports: ['http'], eras: ['modern'] },
  { name: 'listens-tools-only', target: fixture('listens-tools-only'), scenarios: ['listen-filters'], transports: ['stdio'], eras: ['modern'] },
  { name: 'lists-before-ack', target: fixture('lists-before-ack'), scenarios: ['ack-first'], transports: ['http'], eras: ['modern'] },
  { name: 'polls-at-ttl', target: fixture('polls-at-ttl'), scenarios: ['ttl-invalidation'], transports: ['stdio'], eras: ['modern'] },
];

export interface ClientVerdicts {
  /** `plan scenario [transport] check` → status. */
  statuses: Record<string, string>;
  /** `plan scenario [transport] check measurement` → value, for the numeric measurements of timing checks. */
  timings: Record<string, number>;
}

/**
 * Plays every plan once; returns each verdict and each timing check's numeric measurements. With `jobs` > 1 each plan
 * runs `jobs` cells at once and a few plans run side by side, all starting targets through one gate (as one run would).
 */
export async function clientVerdicts(jobs = 1, only?: (plan: (typeof PLANS)[number]) => boolean): Promise<ClientVerdicts> {
  const out: Record<string, string> = {};
  const timings: Record<string, number> = {};
  const startGate = jobs > 1 ? gate(startWidth()) : undefined;
  const play = async (plan: (typeof PLANS)[number]) => {
    const report = await runPlan({
      scenarios: selectScenarios(plan.scenarios),
      transports: plan.transports,
      eras: plan.eras ?? ['legacy'],
      target: clientTarget({ command: plan.target }),
      outDir: join(tmpdir(), `mnc-stability-${plan.name}`),
      repeat: 1,
      strict: false,
      cellTimeoutMs: 60_000,
      jobs,
      ...(startGate ? { startGate } : {}),
      ...(plan.debounceMs === undefined ? {} : { debounceMs: plan.debounceMs }),
    });
    for (const cell of report.cells) {
      for (const check of cell.checks) {
        const key = `${plan.name} ${cell.scenario} [${placeOf(cell)}] ${check.id}`;
        out[key] = check.status;
        if (!checkById(check.id).timing) continue;
        for (const [name, value] of Object.entries(check.measurements)) if (typeof value === 'number') timings[`${key} ${name}`] = value;
      }
      if (cell.error) out[`${plan.name} ${cell.scenario} [${placeOf(cell)}] harness`] = `error ${cell.error.code}`;
    }
  };
  const queue = PLANS.filter((plan) => only?.(plan) ?? true);
  // Plans side by side: half as many as jobs (the reference plan alone fills `jobs` cells while the fixtures' few run).
  const lanes = Math.max(1, Math.floor(jobs / 2));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) await play(plan);
    }),
  );
  return { statuses: out, timings };
}
