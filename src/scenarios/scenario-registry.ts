import { HarnessError } from '../errors.js';
import { capabilityOff } from './builtin/client/relist/capability-off.js';
import { GATEWAY_SCENARIOS } from './builtin/gateway/relay.js';
import { GATEWAY_DEBOUNCE_SCENARIOS } from './builtin/gateway/debounce.js';
import { debounceProbe } from './builtin/client/relist/debounce-probe.js';
import { earlyNotification } from './builtin/client/relist/early-notification.js';
import { eraFallback } from './builtin/client/channel/era-fallback.js';
import { FALLBACK_SCENARIOS } from './builtin/client/channel/fallback-variants.js';
import { pollCadence } from './builtin/client/relist/poll-cadence.js';
import { serverRestart } from './builtin/client/channel/server-restart.js';
import { streamRetry } from './builtin/client/channel/stream-retry.js';
import { sessionTerminated, streamDropped } from './builtin/client/channel/http-sessions.js';
import { inFlightList } from './builtin/client/relist/in-flight-list.js';
import { ackFirst, listenDropped, listenFilters, ttlInvalidationScenario } from './builtin/client/channel/listen.js';
import { multiList } from './builtin/client/relist/multi-list.js';
import { paginatedRefresh } from './builtin/client/relist/paginated-refresh.js';
import { refreshOnAdd, refreshOnRemove } from './builtin/client/relist/refresh.js';
import { SERVER_SCENARIOS } from './builtin/server/announce.js';
import { SERVER_SPEC_SCENARIOS } from './builtin/server/streams.js';
import { stormBurst, stormSustained } from './builtin/client/relist/storms.js';
import type { Scenario } from '../model/scenario-schema.js';
import type { ScenarioDraft } from './common.js';
import { parseScenario } from './load.js';

const BUILTIN: readonly ScenarioDraft[] = [
  refreshOnAdd,
  refreshOnRemove,
  stormBurst,
  stormSustained,
  debounceProbe,
  inFlightList,
  paginatedRefresh,
  earlyNotification,
  multiList,
  capabilityOff,
  sessionTerminated,
  streamDropped,
  listenDropped,
  listenFilters,
  ackFirst,
  ttlInvalidationScenario,
  eraFallback,
  ...FALLBACK_SCENARIOS,
  streamRetry,
  serverRestart,
  pollCadence,
  ...GATEWAY_SCENARIOS,
  ...GATEWAY_DEBOUNCE_SCENARIOS,
  ...SERVER_SCENARIOS,
  ...SERVER_SPEC_SCENARIOS,
];

/** Validates a list of scenarios into a map; a duplicate id throws. */
export function indexScenarios(inputs: readonly ScenarioDraft[]): ReadonlyMap<string, Scenario> {
  const map = new Map<string, Scenario>();
  for (const input of inputs) {
    const scenario = parseScenario(input, `built-in scenario ${input.id}`);
    if (map.has(scenario.id)) throw new HarnessError('DUPLICATE_SCENARIO', `two scenarios have the id "${scenario.id}"`);
    map.set(scenario.id, scenario);
  }
  return map;
}

export const SCENARIOS: ReadonlyMap<string, Scenario> = indexScenarios(BUILTIN);

/** The built-in scenarios with these ids (all of `mode` when none given), or a HarnessError naming the unknown ones. */
export function selectScenarios(ids?: readonly string[], mode: Scenario['mode'] = 'client'): Scenario[] {
  if (!ids || ids.length === 0) return [...SCENARIOS.values()].filter((scenario) => scenario.mode === mode);
  const unknown = ids.filter((id) => !SCENARIOS.has(id));
  if (unknown.length) {
    throw new HarnessError('UNKNOWN_SCENARIO', `unknown scenario ${unknown.map((id) => `"${id}"`).join(', ')}`, `known: ${[...SCENARIOS.keys()].join(', ')}`);
  }
  return ids.map((id) => SCENARIOS.get(id) as Scenario);
}
