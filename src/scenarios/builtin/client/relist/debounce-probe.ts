import type { StepInput } from '../../../../steps/op-registry.js';
import { BASE_TOOLS, CONTROL, START, type ScenarioDraft } from '../../../common.js';

/** Gaps between the two notifications of each pair; they bracket common windows (50, 100, 300 ms and 1 s is too long to probe cheaply). */
export const PROBE_GAPS_MS = [30, 100, 200, 450, 900];

const pairs: StepInput[] = PROBE_GAPS_MS.flatMap((gap): StepInput[] => [
  { op: 'notify', list: 'tools' },
  { op: 'sleep', ms: gap },
  { op: 'notify', list: 'tools' },
  { op: 'await-refresh', lists: ['tools'] },
  { op: 'settle', quietMs: 400 },
]);

export const debounceProbe: ScenarioDraft = {
  id: 'debounce-probe',
  title: 'Debounce probe',
  description:
    `After a notification-free control window, pairs of notifications ${PROBE_GAPS_MS.join(', ')} ms apart (nothing changes); the re-lists per pair reveal the ` +
    'target\'s debounce window and whether it fires on the leading or trailing edge.',
  catalogue: { tools: BASE_TOOLS },
  steps: [...START, ...CONTROL, ...pairs],
  checks: [{ id: 'debounce-window' }, { id: 'target-survives' }],
};
