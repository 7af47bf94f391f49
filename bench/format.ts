// How BENCHMARKS.md writes a figure in a table cell or a sentence.
import type { Memory } from './bench-server.js';

/** A number with `digits` decimals. */
export const f = (value: number, digits = 2) => value.toFixed(digits);
/** The verdict against a target. */
export const mark = (ok: boolean) => (ok ? 'meets' : '**misses**');
/** Resident / peak memory in MB. */
export const mb = (memory: Memory) => `${f(memory.rssMb, 0)} / ${f(memory.hwmMb, 0)}`;
/** A count with thousands separators (`?` when unknown). */
export const thousands = (value: number | undefined) => value?.toLocaleString('en') ?? '?';
