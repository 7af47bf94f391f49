import { HarnessError } from '../errors.js';
import type { ExcludedCell } from '../report/model.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { Era, TransportKind } from '../model/words.js';

/** What the plan was asked for. */
interface Asked {
  scenarios: readonly Scenario[];
  transports: readonly TransportKind[];
  eras?: readonly Era[] | 'auto';
  shard?: { index: number; count: number };
}

/** A plan with no cell is a usage error that names the filter that emptied it: a run that judged nothing is never green. */
export function emptyPlan(options: Asked, excluded: readonly ExcludedCell[], planned: number): HarnessError {
  const asked = `${options.scenarios.map((scenario) => scenario.id).join(', ')} on ${options.transports.join(', ')}`;
  if (planned > 0 && options.shard) {
    return new HarnessError('EMPTY_PLAN', `--shard ${options.shard.index}/${options.shard.count} has no cell: the plan has only ${planned}`, 'use fewer shards');
  }
  const eras = options.eras === 'auto' ? 'the eras the client speaks' : `the ${options.eras?.join(' and ') ?? 'legacy'} era`;
  const why = excluded[0] ? `every cell is excluded (e.g. ${excluded[0].scenario} on ${excluded[0].transport}, ${excluded[0].era}: ${excluded[0].reason})` : 'no scenario applies';
  return new HarnessError('EMPTY_PLAN', `no cell to run for ${asked} in ${eras}: ${why}`, 'change --scenario, --transport or --era');
}
