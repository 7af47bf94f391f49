// Turns a JSON report into GitHub workflow commands: an ::error per failed check, inconclusive cell, harness error and
// stale baseline entry, a ::warning per warning. Run by run.sh; usage: node annotate.mjs report.json
import { readFileSync } from 'node:fs';

const data = (text) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
const command = (kind, title, message) => `::${kind} title=${property(title)}::${data(message)}`;

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const lines = [];
for (const cell of report.cells ?? []) {
  const place = `${cell.scenario} [${cell.transport}, ${cell.era ?? 'legacy'}]`;
  for (const check of cell.checks ?? []) {
    if (check.status === 'fail') lines.push(command('error', check.id, `${place}: ${check.message}`));
    if (check.status === 'warn') lines.push(command('warning', check.id, `${place}: ${check.message}`));
  }
  if (cell.inconclusive !== undefined) lines.push(command('error', 'inconclusive', `${place}: ${cell.inconclusive}`));
  if (cell.error) lines.push(command('error', cell.error.code, `${place}: ${cell.error.message}`));
}
for (const entry of report.baseline?.stale ?? []) {
  lines.push(command('error', 'stale baseline entry', `${entry} passes now: remove it from the baseline`));
}
if (report.error) lines.push(command('error', report.error.code, report.error.message));
process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
