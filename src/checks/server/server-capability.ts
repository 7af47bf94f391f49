import { z } from 'zod';
import { advertisedAndAnnounced } from '../support/capability.js';
import { defineCheck, fail, notTestable, pass } from '../support/check.js';
import { names } from './helpers.js';

export const serverCapability = defineCheck({
  id: 'server-capability',
  title: 'Announces only what it advertises',
  description:
    'A server announces changes to a list only if its capabilities say `listChanged: true` for it: the capability ' +
    '"indicates whether the server will emit notifications". No keyword forbids an unadvertised announcement, so this is ' +
    'best practice; it is judged because clients decide from the capability whether to listen at all (and whether to ' +
    'poll instead), so an announcement it does not advertise is one that careful clients never act on.',
  severity: 'best-practice',
  specRefs: ['2025-11-25/server/tools#capabilities', '2025-11-25/server/tools#list-changed-notification'],
  timing: false,
  options: z.object({}),
  evaluate(trace) {
    const seen = advertisedAndAnnounced(trace);
    if (!seen) return notTestable('no session connected, so the server\'s capabilities are unknown');
    const { advertised, announced, unadvertised, evidence } = seen;
    if (announced.length === 0) {
      return notTestable(`the server announced no list change (it advertises listChanged for ${names(advertised)})`, { evidence });
    }
    const measurements = { advertised: advertised.join(','), announced: announced.join(',') };
    if (unadvertised.length) {
      return fail(`it announced changes to ${names(unadvertised)} without advertising listChanged for ${unadvertised.length > 1 ? 'them' : 'it'} ` +
        `(it advertises ${names(advertised)})`, { evidence, measurements });
    }
    return pass(`it announced ${names(announced)}, each advertised with listChanged`, { evidence, measurements });
  },
});
