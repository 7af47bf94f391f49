import { HarnessError } from '../errors.js';
import { capabilityOff } from './builtin/capability-off.js';
import { GATEWAY_SCENARIOS } from './builtin/gateway.js';
import { GATEWAY_DEBOUNCE_SCENARIOS } from './builtin/gateway-debounce.js';
import { debounceProbe } from './builtin/debounce-probe.js';
import { earlyNotification } from './builtin/early-notification.js';
import { eraFallback } from './builtin/era-fallback.js';
import { FALLBACK_SCENARIOS } from './builtin/fallback-variants.js';
import { pollCadence } from './builtin/poll-cadence.js';
import { serverRestart } from './builtin/server-restart.js';
import { streamRetry } from './builtin/stream-retry.js';
import { sessionTerminated, streamDropped } from './builtin/http-sessions.js';
import { inFlightList } from './builtin/in-flight-list.js';
import { ackFirst, listenDropped, listenFilters, ttlInvalidationScenario } from './builtin/listen.js';
import { multiList } from './builtin/multi-list.js';
import { paginatedRefresh } from './builtin/paginated-refresh.js';
import { refreshOnAdd, refreshOnRemove } from './builtin/refresh.js';
import { SERVER_SCENARIOS } from './builtin/server.js';
import { SERVER_SPEC_SCENARIOS } from './builtin/server-spec.js';
import { stormBurst, stormSustained } from './builtin/storms.js';
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
