import { z } from 'zod';
import { ofKind, sameSet, setDiff } from '../../../trace/queries.js';
import { compareFinal } from './converges.js';
import { defineCheck, fail, ms, notTestable, pass } from '../../support/check.js';
import { ListKindSchema } from '../../../model/words.js';

export const noStaleFinal = defineCheck({
  id: 'no-stale-final',
  title: 'No stale view after an in-flight race',
  description:
    'A list response computed before a change is released after the change was announced. The target must not end ' +
    'on that stale list: it re-lists after it, or its view report shows it discarded it.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/basic/index#notifications', '2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({ list: ListKindSchema.default('tools') }),
  evaluate(trace, options) {
    const released = ofKind(trace, 'response-released').at(-1);
    if (!released) {
      const held = ofKind(trace, 'response-held').length > 0;
      return notTestable(
        held
          ? 'a held list response was never released (the race never finished)'
          : `the target never re-listed ${options.list} after the first notification, so the race could not be staged`,
      );
    }
    const race = ofKind(trace, 'race-staged').at(-1);
    if (race?.how === 'unconfirmed') {
      return notTestable(`the target reports its view, but no report showed the fresh ${options.list} answer applied within ` +
        `${ms(race.waitedMs)} ms, so the race could not be staged (the stale answer was released without knowing which it saw last)`, {
        evidence: [race.seq, released.seq],
      });
    }
    // A target that reports no views: the fresh answer was taken as applied once the wire went quiet.
    const inferred = race?.how === 'wire' ? ' (the race was staged from the wire: the target reports no views)' : '';
    const { snapshot, view, expected } = compareFinal(trace, options.list);
    if (!snapshot || !expected) return notTestable('the trace has no final catalogue snapshot');
    if (!view) return fail(`the target never completed a ${options.list} fetch`, { evidence: [released.seq] });
    const evidence = [released.seq, snapshot.seq, ...view.evidence];
    const measurements = { viewSource: view.source, viewAfterReleaseMs: ms(view.t - released.t) };
    if (sameSet(view.names, expected)) {
      return pass(`the final ${options.list} view is the latest (revision ${snapshot.revision}), not the stale response${inferred}`, {
        evidence,
        measurements,
      });
    }
    const { missing, extra } = setDiff(view.names, expected);
    const hint =
      view.source === 'wire'
        ? '; the last list the target received was stale and it did not re-list after it (a target that discards ' +
        'stale responses can show so with view reports)'
        : '';
    return fail(
      `the final ${options.list} view is stale: missing [${missing.join(', ')}]${extra.length ? `, extra [${extra.join(', ')}]` : ''} ` +
      `against revision ${snapshot.revision}${hint}${inferred}`,
      { evidence, measurements },
    );
  },
});
