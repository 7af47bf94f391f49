import { HarnessError } from '../errors.js';
import type { ExcludedCell } from '../judging/run-report.js';
import type { Scenario } from '../model/scenario-schema.js';
import { type Era, type TransportKind } from '../model/words.js';
import { erasOf } from '../model/transports.js';

/** What the plan was asked for. */
interface Asked {
  scenarios: readonly Scenario[];
  transports: readonly TransportKind[];
  eras?: readonly Era[] | 'auto';
  shard?: { index: number; count: number };
}

/** A plan with no cell is a usage error that names the filter that emptied it: a run that judged nothing is never green. */
export function emptyPlan(options: Asked, excluded: readonly ExcludedCell[], planned: number): HarnessError {
  const ids = options.scenarios.map((scenario) => scenario.id);
  const asked = `${ids.length > 3 ? `${ids.length} scenarios` : ids.join(', ')} on ${options.transports.join(', ')}`;
  if (planned > 0 && options.shard) {
    return new HarnessError('EMPTY_PLAN', `--shard ${options.shard.index}/${options.shard.count} has no cell: the plan has only ${planned}`, 'use fewer shards');
  }
  const eras = options.eras === 'auto' ? 'the eras the client speaks' : `the ${options.eras?.join(' and ') ?? 'legacy'} era`;
  const named = options.eras === 'auto' ? undefined : options.eras;
  const carried = !named || options.transports.some((transport) => named.some((era) => erasOf(transport).includes(era)));
  const first = excluded[0];
  const why = !carried
    ? `${options.transports.join(' and ')} ${options.transports.length > 1 ? 'carry' : 'carries'} only the legacy era`
    : first ? `every cell is excluded (e.g. ${first.scenario} on ${first.transport}, ${first.era}: ${first.reason})` : 'no scenario applies';
  return new HarnessError('EMPTY_PLAN', `no cell to run for ${asked} in ${eras}: ${why}`, 'change --scenario, --transport or --era');
}
