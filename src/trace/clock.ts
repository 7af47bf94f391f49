import { performance } from 'node:perf_hooks';

/** A source of time in milliseconds, monotonic within a process and comparable across processes on one host. */
export interface Clock {
  now(): number;
}

/** The shared clock: `performance.timeOrigin + performance.now()` (sub-millisecond, monotonic per process). */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
};

/** A clock a test advances by hand. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}
  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
