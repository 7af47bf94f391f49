import { HarnessError } from '../errors.js';
import { flagName, isGiven, type Mode, optionEntries, type RUN_OPTIONS, type RunOptions } from './run-options.js';

type Specs = typeof RUN_OPTIONS;
/** The modes an option is for, from its record: `run` for an option of every mode. */
type ModesOf<K extends keyof Specs> = Specs[K] extends { modes: readonly (infer M)[] } ? M : 'run';
/** The options of one group. */
type KeysOf<G extends Mode | 'run'> = { [K in keyof Specs]: G extends ModesOf<K> ? K : never }[keyof Specs];

/** The options of every mode: which cells, how they are played, and the reports. */
export type RunGroup = Pick<RunOptions, KeysOf<'run'>>;
/** The options of a client run. */
export type ClientGroup = Pick<RunOptions, KeysOf<'client'>>;
/** The options of a gateway run. */
export type GatewayGroup = Pick<RunOptions, KeysOf<'gateway'>>;
/** The options of a server run. */
export type ServerGroup = Pick<RunOptions, KeysOf<'server'>>;

/** A run's options as the code takes them: the run's own, and those of its one mode. */
export type OptionGroups = { run: RunGroup } & (
  | { mode: 'client'; client: ClientGroup }
  | { mode: 'gateway'; gateway: GatewayGroup }
  | { mode: 'server'; server: ServerGroup }
);

const MODES: readonly Mode[] = ['client', 'gateway', 'server'];

/** The options of `group`, from each option's record. */
function pick(options: RunOptions, group: Mode | 'run'): Record<string, unknown> {
  const inGroup = optionEntries().filter(([, spec]) => (group === 'run' ? spec.modes === undefined : spec.modes?.includes(group)));
  return Object.fromEntries(inGroup.map(([key]) => [key, options[key]]));
}

/**
 * Splits the options into the run's and its mode's, the mode chosen by the option that selects it (`--client` when
 * none does). Two modes, or an option of another mode than the run's (it would be ignored), are refused: the first
 * group of them, as `--header, --setup are for gateway mode`.
 */
export function groupOptions(options: RunOptions): OptionGroups {
  const selecting = optionEntries().filter(([key, spec]) => spec.selects && options[key] !== undefined);
  const chosen = MODES.filter((mode) => selecting.some(([, spec]) => spec.modes?.includes(mode)));
  if (chosen.length > 1) {
    throw new HarnessError('BAD_OPTION', `${chosen.map((mode) => `--${mode}`).join(' and ')} cannot be used together`, 'test a client, a gateway or a server per run');
  }
  const mode = chosen[0] ?? 'client';
  refuseOtherModes(options, mode);
  const run = pick(options, 'run') as RunGroup;
  if (mode === 'gateway') return { run, mode, gateway: pick(options, mode) as GatewayGroup };
  if (mode === 'server') return { run, mode, server: pick(options, mode) as ServerGroup };
  return { run, mode, client: pick(options, mode) };
}

function refuseOtherModes(options: RunOptions, mode: Mode): void {
  const refused = new Map<string, string[]>();
  for (const [key, spec] of optionEntries()) {
    if (!spec.modes || spec.selects || spec.modes.includes(mode) || !isGiven(key, options[key])) continue;
    const modes = spec.modes.join(' and ');
    refused.set(modes, [...(refused.get(modes) ?? []), flagName(spec)]);
  }
  const [modes, flags = []] = [...refused][0] ?? [];
  if (modes === undefined) return;
  const selectors = modes.split(' and ').map((each) => `--${each}`).join(' or ');
  throw new HarnessError('BAD_OPTION', `${flags.join(', ')} ${flags.length > 1 ? 'are' : 'is'} for ${modes} mode`, `use ${flags.length > 1 ? 'them' : 'it'} with ${selectors}`);
}
