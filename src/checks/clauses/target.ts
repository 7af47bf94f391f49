import { type CheckClauses } from './clause.js';
import { across, LEGACY_ERA, MODERN } from './common.js';

/** Checks on the target's health and the harness's measurements: the spec is not what they judge. */
export const TARGET_CLAUSES: Readonly<Record<string, CheckClauses>> = {
  'target-connects': {
    clauses: [
      ...across(LEGACY_ERA, {
        file: 'basic/lifecycle.mdx',
        section: 'Initialization',
        keyword: 'MUST',
        quote: 'The client MUST initiate this phase by sending an `initialize` request',
      }),
      ...across(MODERN, {
        file: 'basic/index.mdx',
        section: '_meta',
        keyword: 'MUST',
        quote: 'Client requests carry the following `io.modelcontextprotocol/*` fields in `_meta`; fields marked as required ' +
          'MUST be included on every request.',
      }),
    ],
    why: 'Graded for the target\'s health (robustness), since a target that cannot connect can be judged on nothing else; ' +
      'the clauses say what connecting is in each era.',
  },
  'target-survives': {
    clauses: [],
    why: 'The target staying up through a scenario is its health, not a spec rule; a target that exits is judged on ' +
      'nothing after that.',
  },
  'target-cleanup': {
    clauses: [],
    why: 'Leaving no process behind is about the target\'s behaviour on the machine, which the spec does not address.',
  },
  'debounce-window': {
    clauses: [],
    why: 'A measurement of the target\'s debounce policy, judged only against a window the user expects; the spec says ' +
      'nothing about debouncing list_changed.',
  },
};
