import { join } from 'node:path';
import type { Reporter } from './types.js';
import { emit } from './write.js';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** JUnit XML for CI: one testsuite per cell, one testcase per check; fail → <failure>, skip → <skipped>. */
export const junitReporter: Reporter = (report, path, ctx) => {
  const suites = report.cells.map((cell) => {
    const cases = cell.checks.map((check) => {
      const name = escape(check.id);
      const time = (cell.durationMs / 1000 / Math.max(1, cell.checks.length)).toFixed(3);
      const body =
        check.status === 'fail'
          ? `<failure message="${escape(check.message)}" type="${escape(check.severity)}">${escape(JSON.stringify(check.measurements))}</failure>`
          : check.status === 'skip'
            ? `<skipped message="${escape(check.message)}"/>`
            : `<system-out>${escape(`${check.status}: ${check.message}`)}</system-out>`;
      return `    <testcase classname="${escape(`${cell.scenario}.${cell.transport}`)}" name="${name}" time="${time}">${body}</testcase>`;
    });
    if (cell.error) cases.push(`    <testcase classname="${escape(`${cell.scenario}.${cell.transport}`)}" name="harness"><error message="${escape(cell.error.message)}" type="${escape(cell.error.code)}"/></testcase>`);
    const failures = cell.checks.filter((check) => check.status === 'fail').length;
    const skipped = cell.checks.filter((check) => check.status === 'skip').length;
    return (
      `  <testsuite name="${escape(`${cell.scenario} [${cell.transport}]`)}" tests="${cases.length}" failures="${failures}" ` +
      `errors="${cell.error ? 1 : 0}" skipped="${skipped}" time="${(cell.durationMs / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`
    );
  });
  const { pass, fail, warn, skip, info } = report.summary;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mcp-notify-check" tests="${pass + fail + warn + skip + info}" ` +
    `failures="${fail}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
  return emit(xml, path ?? join(ctx.outDir, 'junit.xml'), ctx.stdout);
};
