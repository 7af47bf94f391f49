import { HarnessError } from '../errors.js';
import { coalescesBurst } from './client/relist/coalesces-burst.js';
import { converges } from './client/relist/converges.js';
import { debounceWindow } from './client/relist/debounce-window.js';
import { followsPagination } from './client/relist/follows-pagination.js';
import { noStaleFinal } from './client/relist/no-stale-final.js';
import { noStarvation } from './client/relist/no-starvation.js';
import { oneRelistPerKind } from './client/relist/one-relist-per-kind.js';
import { reinitializesAfter404 } from './client/channel/reinitializes-after-404.js';
import { relistAfterNotify } from './client/relist/relist-after-notify.js';
import { reopensStream } from './client/channel/reopens-stream.js';
import { reopensListen } from './client/channel/reopens-listen.js';
import { listenFilters } from './client/channel/listen-filters.js';
import { listsAfterAck } from './client/relist/lists-after-ack.js';
import { ttlInvalidation } from './client/channel/ttl-invalidation.js';
import { eraFallback } from './client/channel/era-fallback.js';
import { respectsRetry } from './client/channel/respects-retry.js';
import { relistenAfterReconnect } from './client/channel/relisten-after-reconnect.js';
import { fallbackAnyError } from './client/channel/fallback-any-error.js';
import { pollJitterBackoff } from './client/channel/poll-jitter-backoff.js';
import { targetCleanup } from './target/target-cleanup.js';
import { targetConnects } from './target/target-connects.js';
import { targetSurvives } from './target/target-survives.js';
import { gwCoalesces } from './gateway/gw-coalesces.js';
import { gwDebounceWindow } from './gateway/gw-debounce-window.js';
import { gwConverges } from './gateway/gw-converges.js';
import { gwRelayAfterUpdate } from './gateway/gw-relay-after-update.js';
import { gwRelaysNotification } from './gateway/gw-relays-notification.js';
import { gwInitializesUpstream } from './gateway/gw-initializes-upstream.js';
import { gwAdvertisesListChanged } from './gateway/gw-advertises-list-changed.js';
import { gwTellsEveryUser } from './gateway/gw-tells-every-user.js';
import { gwSurvivesTeardown } from './gateway/gw-survives-teardown.js';
import { serverAnnounces } from './server/server-announces.js';
import { serverFanout } from './server/server-fanout.js';
import { serverBackground } from './server/server-background.js';
import { serverCapability } from './server/server-capability.js';
import { serverUpdateBeforeNotify } from './server/server-update-before-notify.js';
import { serverStorm } from './server/server-storm.js';
import { serverListen } from './server/stream/server-listen.js';
import { serverResume } from './server/stream/server-resume.js';
import { serverResumeOtherStreams } from './server/stream/server-resume-other-streams.js';
import { serverNoBroadcast } from './server/server-no-broadcast.js';
import { serverEventIdsUnique } from './server/stream/server-event-ids-unique.js';
import { serverListenTeardown } from './server/stream/server-listen-teardown.js';
import { serverCacheHints } from './server/server-cache-hints.js';
import { gradeOf } from './support/grading.js';
import { type Check, type CheckResult } from './support/check.js';
import { type Trace } from '../trace/trace.js';

/** Every check, in the order reports list them. */
export const CHECKS: readonly Check[] = [
  relistAfterNotify,
  converges,
  coalescesBurst,
  noStarvation,
  followsPagination,
  noStaleFinal,
  oneRelistPerKind,
  reinitializesAfter404,
  reopensStream,
  reopensListen,
  listenFilters,
  listsAfterAck,
  ttlInvalidation,
  eraFallback,
  respectsRetry,
  relistenAfterReconnect,
  fallbackAnyError,
  pollJitterBackoff,
  targetConnects,
  targetSurvives,
  targetCleanup,
  debounceWindow,
  gwConverges,
  gwRelaysNotification,
  gwCoalesces,
  gwDebounceWindow,
  gwRelayAfterUpdate,
  gwSurvivesTeardown,
  gwInitializesUpstream,
  gwAdvertisesListChanged,
  gwTellsEveryUser,
  serverAnnounces,
  serverFanout,
  serverBackground,
  serverUpdateBeforeNotify,
  serverCapability,
  serverStorm,
  serverListen,
  serverResume,
  serverResumeOtherStreams,
  serverNoBroadcast,
  serverEventIdsUnique,
  serverListenTeardown,
  serverCacheHints,
] as readonly Check[];

function index(checks: readonly Check[]): ReadonlyMap<string, Check> {
  const map = new Map<string, Check>();
  for (const check of checks) {
    if (map.has(check.id)) throw new HarnessError('DUPLICATE_CHECK', `two checks have the id "${check.id}"`);
    map.set(check.id, check);
  }
  return map;
}

export const CHECKS_BY_ID = index(CHECKS);

/** Finds a check by id, or throws naming the known ids. */
export function checkById(id: string): Check {
  const check = CHECKS_BY_ID.get(id);
  if (!check) throw new HarnessError('UNKNOWN_CHECK', `unknown check "${id}"`, `known checks: ${[...CHECKS_BY_ID.keys()].join(', ')}`);
  return check;
}

type CheckOptions = { options: unknown; failAs?: unknown };

/**
 * A check's options as a scenario names them: `failAs` set apart, the rest parsed by the check's own schema. An invalid
 * option is `{ issue: 'path: message' }`, for the caller to place in its own error.
 */
export function checkOptions(check: Check, raw: Record<string, unknown>): CheckOptions | { issue: string } {
  const { failAs, ...rest } = raw;
  const parsed = check.options.safeParse(rest);
  if (parsed.success) return { options: parsed.data, failAs };
  const issue = parsed.error.issues[0];
  return { issue: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

/**
 * Evaluates one check on a trace. `failAs: "warn"` in the options grades a failure as a warning (used where a
 * scenario probes robustness rather than expected behaviour).
 */
export function evaluateCheck(id: string, trace: Trace, rawOptions: Record<string, unknown> = {}): CheckResult {
  const check = checkById(id);
  const parsed = checkOptions(check, rawOptions);
  if ('issue' in parsed) throw new HarnessError('BAD_CHECK_OPTIONS', `check ${id}: ${parsed.issue}`);
  const verdict = check.evaluate(trace, parsed.options);
  const { severity, revision, clause, notApplicable } = gradeOf(id, check.severity, trace, verdict.keyword);
  const graded = { id, severity, specRefs: check.specRefs, revision, ...(clause ? { clause } : {}) };
  if (notApplicable !== undefined) return { ...graded, status: 'skip', message: notApplicable, evidence: [], measurements: {} };
  // A MAY is measured, never required: what the target did is reported as information.
  if (severity === 'MAY' && verdict.status === 'fail') {
    return { ...graded, ...verdict, status: 'info', message: `${verdict.message} (a MAY in ${revision}: measured, not required)` };
  }
  const status = verdict.status === 'fail' && parsed.failAs === 'warn' ? 'warn' : verdict.status;
  return { ...graded, ...verdict, status };
}
