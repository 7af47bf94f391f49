import { join } from 'node:path';
import { quoteLine } from '../checks/support/grading.js';
import type { CheckResult, CheckStatus } from '../checks/support/check.js';
import type { TraceEvent } from '../trace/events.js';
import { marksOf, timelineSvg } from './timeline.js';
import type { Reporter } from './reporter.js';
import { forHtml } from './sanitize.js';
import { emit } from './write.js';
import { readTrace } from '../trace/file.js';
import { cellFailed, placeOf } from '../judging/run-report.js';

const esc = forHtml;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:1180px;color:#1f2328;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}.meta{color:#57606a;margin-bottom:18px}
.counts span{display:inline-block;margin-right:14px;font-weight:600}
.pass{color:#1a7f37}.fail{color:#cf222e}.warn{color:#9a6700}.info{color:#0969da}.skip{color:#57606a}.untested{color:#8250df}q.clause{color:#57606a;font-style:italic}
details{border:1px solid #d0d7de;border-radius:6px;margin:10px 0;padding:6px 12px}
summary{cursor:pointer;font-weight:600}summary .t{color:#57606a;font-weight:400}
table{border-collapse:collapse;width:100%;margin:8px 0}td,th{text-align:left;padding:3px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-weight:600;color:#57606a}code{font-size:12px}
svg .lane{font-size:11px;fill:#57606a}svg .rule{stroke:#eaeef2}svg .grid{stroke:#f3f4f6}svg .tick{font-size:10px;fill:#8c959f;text-anchor:middle}
.legend{color:#57606a;font-size:12px}.error{color:#cf222e;white-space:pre-wrap}
svg .evidence{fill:none;stroke:#cf222e;stroke-width:2.5}svg .note{font-size:11px;fill:#cf222e}
table.evidence td{font-size:12px}.filter{margin:10px 0 10px 4px}
#only-failed:checked ~ .cells details.passed{display:none}`;

const BADGE: Record<CheckStatus, string> = { pass: '✓ pass', fail: '✗ fail', warn: '! warn', skip: '– skip', info: 'i info', xfail: '~ expected', untested: '? untested' };

/** Every event a failed check cites, readable without hovering: which check, when, what. */
function evidenceTable(events: readonly TraceEvent[], failing: readonly CheckResult[]): string {
  const labels = new Map(marksOf(events).map((mark) => [mark.seq, mark.label]));
  const rows = failing.flatMap((check) =>
    check.evidence.map((seq) => {
      const event = events.find((each) => each.seq === seq);
      const what = labels.get(seq) ?? (event ? `${event.kind} (t=${event.t.toFixed(1)} ms · seq ${seq})` : `seq ${seq}`);
      return `<tr><td><code>${esc(check.id)}</code></td><td>${event ? event.t.toFixed(1) : '?'} ms</td><td>${esc(what)}</td></tr>`;
    }),
  );
  return rows.length ? `<table class="evidence"><tr><th>evidence for</th><th>t</th><th>event</th></tr>${rows.join('')}</table>` : '';
}

/** A single self-contained HTML page: summary, then per cell its checks and a timeline of its trace. */
export const htmlReporter: Reporter = async (report, path, ctx) => {
  const sections: string[] = [];
  for (const cell of report.cells) {
    const failed = cellFailed(cell);
    const failing = cell.checks.filter((check) => check.status === 'fail');
    const highlights = failing.map((check) => ({ check: check.id, note: check.message, seqs: check.evidence }));
    let timeline: string;
    let evidence = '';
    try {
      const events = (await readTrace(cell.trace)).events;
      timeline = timelineSvg(events, highlights);
      evidence = evidenceTable(events, failing);
    } catch {
      timeline = '<p class="legend">(trace not readable)</p>';
    }
    const rows = cell.checks.map(
      (check) =>
        `<tr><td class="${check.status}">${BADGE[check.status]}</td><td><code>${esc(check.id)}</code><br><span class="legend">${esc(check.severity)}</span></td>` +
        `<td>${esc(check.message)}${check.clause && check.status !== 'pass' ? `<br><q class="clause">${esc(quoteLine(check.clause))}</q>` : ''}<br><span class="legend">${esc(Object.entries(check.measurements).map(([k, v]) => `${k}=${String(v)}`).join(' · '))}</span></td></tr>`,
    );
    sections.push(
      `<details class="${failed ? 'failed' : 'passed'}"${failed ? ' open' : ''}><summary><span class="${failed ? 'fail' : 'pass'}">${failed ? '✗' : '✓'}</span> ${esc(cell.scenario)} ` +
      `<span class="t">[${placeOf(cell)}] · ${(cell.durationMs / 1000).toFixed(1)} s${cell.attempts > 1 ? ` · ${cell.attempts} runs` : ''}</span></summary>` +
      (cell.inconclusive === undefined ? '' : `<p class="error">${esc(`inconclusive: ${cell.inconclusive}`)}</p>`) +
      (cell.error ? `<p class="error">${esc(`${cell.error.code}: ${cell.error.message}${cell.error.hint ? `\n${cell.error.hint}` : ''}`)}</p>` : '') +
      `<table><tr><th>status</th><th>check</th><th>message · measurements</th></tr>${rows.join('')}</table>${timeline}${evidence}` +
      `<p class="legend">trace: <code>${esc(cell.trace)}</code></p>` +
      (cell.reproduce === undefined ? '' : `<p class="legend">reproduce: <code>${esc(cell.reproduce)}</code></p>`) +
      '</details>',
    );
  }
  const { pass, fail, warn, skip, info, untested, inconclusive } = report.summary;
  const bad = fail > 0 || inconclusive > 0;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mcp-notify-check report</title><style>${STYLE}</style></head><body>
<h1>mcp-notify-check: <span class="${bad ? 'fail' : 'pass'}">${bad ? 'failed' : 'passed'}</span></h1>
<div class="meta">target <code>${esc(report.target)}</code> · ${esc(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s</div>
<div class="counts"><span class="pass">${pass} passed</span><span class="fail">${fail} failed</span><span class="untested">${untested} untested</span>${inconclusive ? `<span class="fail">${inconclusive} inconclusive</span>` : ''}<span class="warn">${warn} warnings</span><span class="skip">${skip} skipped</span><span class="info">${info} info</span></div>
<p class="legend">Timeline lanes: steps (ticks), catalogue changes and faults, notifications (● delivered, ○ lost), the 2026-07-28 listen stream (opened, ● acknowledged, ✗ ended by the server), list requests (▲ page 1, grey: later pages), lists served with their revision, the target's view reports, in gateway and server mode the probe sessions' lists and session R's GET stream, and the target's session events (✗ red: it died; ⊢ grey: the harness ended it). A failed check's evidence is ringed in red, with its reason under the timeline and every cited event in the table below it. Hover a mark for its details.</p>
${(report.unplayed ?? []).map((unplayed) => `<p class="legend">${esc(unplayed.reason)}</p>`).join('')}
${report.error ? `<p class="error">stopped: ${esc(`${report.error.code}: ${report.error.message}`)}</p>` : ''}
<input type="checkbox" id="only-failed"><label for="only-failed" class="filter"> show failed cells only</label>
<div class="cells">${sections.join('\n')}</div>
${report.excluded.length ? `<h2>Excluded</h2><ul>${report.excluded.map((cell) => `<li>${esc(cell.scenario)} on ${placeOf(cell)}: ${esc(cell.reason)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
  return emit(html, path ?? join(ctx.outDir, 'report.html'), ctx.stdout);
};
