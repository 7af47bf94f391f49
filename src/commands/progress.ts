import { type CellReport, placeOf } from '../judging/run-report.js';
import type { Era, TransportKind } from '../model/words.js';
import type { ReporterContext } from '../reporters/reporter-registry.js';
import { formatCell } from '../reporters/pretty.js';
import type { CliIo } from './io.js';

/** How often the in-cell line on a terminal updates its elapsed time. */
const TICK_MS = 1_000;

export interface Progress {
  start(cell: { scenario: string; transport: TransportKind; era: Era; index: number; total: number }): void;
  finish(cell: CellReport): void;
  stop(): void;
}

/**
 * Progress on stderr: each finished cell as `[n/M]` and its checks; on a terminal, while cells run, one line that
 * says which (several with --jobs) and for how long (so a hung target is not silence). In CI (no terminal) nothing is rewritten and a
 * cell is one plain line, plus one line per check that did not pass.
 */
export function progress(io: Pick<CliIo, 'stderr'>, ctx: ReporterContext, quiet: boolean): Progress {
  const tty = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  let timer: NodeJS.Timeout | undefined;
  let finished = 0;
  let total = 0;
  // The cells running now (several with --jobs), by name, with when each started.
  const running = new Map<string, number>();
  const clear = () => {
    if (tty) io.stderr.write('\r\u001b[2K');
  };
  const draw = () => {
    const oldest = Math.min(...running.values());
    const names = [...running.keys()];
    const shown = names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
    io.stderr.write(`\r\u001b[2K[${finished}/${total}] ${shown} … ${((performance.now() - oldest) / 1000).toFixed(0)}s`);
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    clear();
  };
  return {
    start: (cell) => {
      total = cell.total;
      running.set(`${cell.scenario} [${placeOf(cell)}]`, performance.now());
      if (quiet || !tty) return;
      draw();
      timer ??= setInterval(draw, TICK_MS);
      timer.unref();
    },
    finish: (cell) => {
      running.delete(`${cell.scenario} [${placeOf(cell)}]`);
      finished += 1;
      if (quiet) return;
      clear();
      io.stderr.write(`[${finished}/${total}] ${formatCell(cell, ctx, { passes: tty })}\n`);
      if (!tty) return;
      if (running.size) draw();
      else stop();
    },
    stop,
  };
}
