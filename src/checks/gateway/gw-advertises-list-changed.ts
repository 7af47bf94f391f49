import { z } from 'zod';
import { LIST_KINDS } from '../../model/words.js';
import { advertisedAndAnnounced } from '../support/capability.js';
import { names } from '../server/helpers.js';
import { defineCheck, fail, notTestable, pass } from '../support/check.js';

export const gwAdvertisesListChanged = defineCheck({
  id: 'gw-advertises-list-changed',
  title: 'Advertises downstream what it relays',
  description:
    'Downstream a gateway is its users\' server: its capabilities say, per list, whether it "will emit notifications" ' +
    '(`listChanged`). Reports what it advertises against what it relayed and what the upstream advertised, and fails a ' +
    'list it relayed without advertising. No keyword ties the two, so this is best practice; it is judged because a ' +
    'client decides from the capability whether to listen at all, so an unadvertised relay is one careful users never act on.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#capabilities', '2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const seen = advertisedAndAnnounced(trace);
    if (!seen) return notTestable('the probe never connected, so the gateway\'s downstream capabilities are unknown');
    const { advertised, announced, unadvertised, evidence } = seen;
    const capabilities = trace.meta.scenario.capabilities;
    const upstream = LIST_KINDS.filter((list) => capabilities[list].listChanged);
    const measurements = { advertised: advertised.join(','), relayed: announced.join(','), upstreamAdvertised: upstream.join(',') };
    const context = `it advertises listChanged for ${names(advertised)}; the upstream for ${names(upstream)}`;
    if (announced.length === 0) return notTestable(`the gateway relayed no list change downstream (${context})`, { evidence, measurements });
    if (unadvertised.length) {
      return fail(`it relayed changes to ${names(unadvertised)} without advertising listChanged for ${unadvertised.length > 1 ? 'them' : 'it'} (${context})`, {
        evidence,
        measurements,
      });
    }
    return pass(`it relayed ${names(announced)}, each advertised with listChanged (${context})`, { evidence, measurements });
  },
});
