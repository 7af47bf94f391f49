import { join } from 'node:path';
import { quoteLine } from '../checks/support/grading.js';
import { cellName, placeOf } from '../judging/run-report.js';
import type { Reporter } from './reporter.js';
import { forXml } from './sanitize.js';
import { emit } from './write.js';

const escape = forXml;

/** The statuses JUnit shows as skipped, with what the message says. */
const SKIPPED_AS: Readonly<Record<string, (message: string) => string>> = {
  skip: (message) => message,
  xfail: (message) => `expected failure: ${message}`,
  untested: (message) => `untested: ${message}`,
};

/** JUnit XML for CI: one testsuite per cell, one testcase per check; fail → <failure>, skip → <skipped>. */
export const junitReporter: Reporter = (report, path, ctx) => {
  const suites = report.cells.map((cell) => {
    const cases = cell.checks.map((check) => {
      const name = escape(check.id);
      // Checks are judged after the cell in no measurable time: the cell's time is on its testsuite, none is invented here.
      const body =
        check.status === 'fail'
          ? `<failure message="${escape(check.message)}" type="${escape(check.severity)}">` +
          `${escape(`${check.message}\n${check.clause ? `clause: ${quoteLine(check.clause)}\n` : ''}measurements: ${JSON.stringify(check.measurements)}\ntrace: ${cell.trace}${cell.reproduce === undefined ? '' : `\nreproduce: ${cell.reproduce}`}`)}</failure>`
          : check.status === 'skip' || check.status === 'xfail' || check.status === 'untested'
            ? `<skipped message="${escape(SKIPPED_AS[check.status]?.(check.message) ?? check.message)}"/>`
            : `<system-out>${escape(`${check.status}: ${check.message}`)}</system-out>`;
      return `    <testcase classname="${escape(cellName(cell))}" name="${name}">${body}</testcase>`;
    });
    if (cell.inconclusive !== undefined) {
      cases.push(`    <testcase classname="${escape(cellName(cell))}" name="inconclusive"><failure message="${escape(cell.inconclusive)}" type="inconclusive"/></testcase>`);
    }
    if (cell.error) cases.push(`    <testcase classname="${escape(cellName(cell))}" name="harness"><error message="${escape(cell.error.message)}" type="${escape(cell.error.code)}"/></testcase>`);
    const failures = cell.checks.filter((check) => check.status === 'fail').length + (cell.inconclusive === undefined ? 0 : 1);
    const skipped = cell.checks.filter((check) => check.status in SKIPPED_AS).length;
    return (
      `  <testsuite name="${escape(`${cell.scenario} [${placeOf(cell)}]`)}" tests="${cases.length}" failures="${failures}" ` +
      `errors="${cell.error ? 1 : 0}" skipped="${skipped}" time="${(cell.durationMs / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`
    );
  });
  // A run that stopped (interrupted, could not start) is an error at the root too, never "0 tests, 0 failures".
  if (report.error) {
    suites.push(
      `  <testsuite name="mcp-notify-check" tests="1" failures="0" errors="1" skipped="0" time="0.000">\n` +
      `    <testcase classname="mcp-notify-check" name="run"><error message="${escape(report.error.message)}" type="${escape(report.error.code)}"/></testcase>\n  </testsuite>`,
    );
  }
  // An era the target does not speak is a skipped case with the reason, so CI shows what was not played.
  const unplayed = report.unplayed ?? [];
  if (unplayed.length) {
    const cases = unplayed.map((each) => `    <testcase classname="mcp-notify-check.eras" name="${escape(`${each.transport}.${each.era}`)}"><skipped message="${escape(each.reason)}"/></testcase>`);
    suites.push(`  <testsuite name="eras not played" tests="${cases.length}" failures="0" errors="0" skipped="${cases.length}" time="0.000">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const { pass, fail, warn, skip, info, xfail, untested, inconclusive } = report.summary;
  const errors = report.cells.filter((cell) => cell.error).length + (report.error ? 1 : 0);
  const tests = pass + fail + warn + skip + info + xfail + untested + inconclusive + errors + unplayed.length;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mcp-notify-check" tests="${tests}" ` +
    `failures="${fail + inconclusive}" errors="${errors}" skipped="${skip + xfail + untested + unplayed.length}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
  return emit(xml, path ?? join(ctx.outDir, 'junit.xml'), ctx.stdout);
};
