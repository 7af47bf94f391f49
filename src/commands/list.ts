import { Command } from 'commander';
import { CLAUSES, SPEC_COMMIT } from '../checks/clauses/all-clauses.js';
import { quoteLine, severitiesOf, severitiesText } from '../checks/support/grading.js';
import { CHECKS } from '../checks/check-registry.js';
import { failsUnder } from '../judging/run-report.js';
import { HarnessError } from '../errors.js';
import { SCENARIOS } from '../scenarios/scenario-registry.js';
import type { CliIo, ExitCode } from './io.js';

function scenariosText(): string {
  const lines: string[] = [];
  for (const scenario of SCENARIOS.values()) {
    lines.push(`${scenario.id.padEnd(20)} ${scenario.title}`);
    lines.push(`${''.padEnd(20)} transports: ${scenario.transports.join(', ')} · checks: ${scenario.checks.map((c) => c.id).join(', ')}`);
    for (const [transport, reason] of Object.entries(scenario.exclusions)) lines.push(`${''.padEnd(20)} not on ${transport}: ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function checksText(): string {
  const rows = CHECKS.flatMap((check) => {
    const clause = CLAUSES.get(check.id)?.clauses[0];
    return [
      `${check.id.padEnd(28)} ${check.timing ? 'timing ' : '       '}${check.title}`,
      `${''.padEnd(28)} ${severitiesText(check.id, check.severity)}`,
      ...(clause ? [`${''.padEnd(28)} ${quoteLine(clause)}`] : []),
    ];
  });
  const footer = [
    '',
    'Severity comes from the keyword of the clause a check judges, in the revision the cell negotiated (a MAY is measured,',
    'never failed); --json lists every clause, quoted verbatim. --fail-on picks which severities fail a run: must (MUST',
    'only), should (MUST and SHOULD) or all (every check, the default). A failure below the threshold is a warning.',
  ];
  return `${[...rows, ...footer].join('\n')}\n`;
}

/** `mcp-notify-check list [scenarios|checks] [--json]`. */
export function listCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command('list')
    .description('print the built-in scenarios or checks')
    .argument('[what]', 'scenarios or checks', 'scenarios')
    .option('--json', 'machine-readable, with every field')
    .action((what: string, options: { json?: boolean }) => {
      if (what !== 'scenarios' && what !== 'checks') {
        throw new HarnessError('BAD_OPTION', `cannot list "${what}"`, 'use `list scenarios` or `list checks`');
      }
      if (options.json) {
        const data =
          what === 'scenarios'
            ? [...SCENARIOS.values()]
            : CHECKS.map(({ id, title, description, severity, specRefs, timing }) => {
                const record = CLAUSES.get(id);
                const severities = severitiesOf(id, severity);
                return {
                  id, title, description, severity, severities, specRefs, timing, failsUnder: failsUnder(severity),
                  clauses: record?.clauses ?? [], ...(record?.why ? { why: record.why } : {}), specCommit: SPEC_COMMIT,
                };
              });
        io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      } else {
        io.stdout.write(what === 'scenarios' ? scenariosText() : checksText());
      }
      setExit(0);
    });
}
