import type { CellReport } from '../report/model.js';
import type { ReporterContext } from '../reporters/index.js';
import { formatCell } from '../reporters/pretty.js';
import type { CliIo } from './io.js';

/** How often the in-cell line on a terminal updates its elapsed time. */
const TICK_MS = 1_000;

export interface Progress {
  start(cell: { scenario: string; transport: string; index: number; total: number }): void;
  finish(cell: CellReport): void;
  stop(): void;
}

/**
 * Progress on stderr: each finished cell as `[n/M]` and its checks; on a terminal, while a cell runs, one line that
 * says which cell and for how long (so a hung target is not silence). In CI (no terminal) nothing is rewritten and a
 * cell is one plain line, plus one line per check that did not pass.
 */
export function progress(io: Pick<CliIo, 'stderr'>, ctx: ReporterContext, quiet: boolean): Progress {
  const tty = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  let timer: NodeJS.Timeout | undefined;
  let place = '';
  const clear = () => {
    clearInterval(timer);
    timer = undefined;
    if (tty) io.stderr.write('\r\u001b[2K');
  };
  return {
    start: (cell) => {
      place = `[${cell.index}/${cell.total}]`;
      if (quiet || !tty) return;
      const started = performance.now();
      const draw = () => io.stderr.write(`\r\u001b[2K${place} ${cell.scenario} [${cell.transport}] … ${((performance.now() - started) / 1000).toFixed(0)}s`);
      draw();
      timer = setInterval(draw, TICK_MS);
      timer.unref();
    },
    finish: (cell) => {
      clear();
      if (!quiet) io.stderr.write(`${place} ${formatCell(cell, ctx, { passes: tty })}\n`);
    },
    stop: clear,
  };
}
