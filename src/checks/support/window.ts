import { z } from 'zod';
import { ListKindSchema } from '../../model/words.js';

/** The options of a check that measures a debounce window and judges it only against the declared one (--debounce). */
export const windowOptions = (toleranceMs: number) =>
  z.object({
    list: ListKindSchema.default('tools'),
    /** The window the target is meant to have; defaults to --debounce. */
    expectedMs: z.number().min(0).optional(),
    toleranceMs: z.number().min(0).default(toleranceMs),
  });

/** A measured refresh policy: its edge, the bounds the pairs put on its window, and (trailing) its delay. */
export interface MeasuredWindow {
  policy: string;
  low: number;
  high: number | null;
  trailingDelay?: number | undefined;
}

/**
 * Whether a measured window is the declared one: no debounce for 0; otherwise the declared window lies within the
 * measured bounds (± the tolerance), and a trailing refresh comes that long after the last change.
 */
export function fitsWindow(measured: MeasuredWindow, expected: number, toleranceMs: number): boolean {
  if (expected === 0) return measured.policy === 'none';
  const within = measured.low <= expected + toleranceMs && (measured.high === null || expected - toleranceMs <= measured.high);
  const trailing = measured.policy.startsWith('trailing') && measured.trailingDelay !== undefined;
  return within && (!trailing || Math.abs((measured.trailingDelay ?? expected) - expected) <= toleranceMs);
}
