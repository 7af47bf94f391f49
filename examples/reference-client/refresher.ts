/** How one list is kept fresh: debounce with a maximum wait, one refresh at a time, stale answers discarded. */
export interface RefreshPolicy {
  /** Trailing debounce after the last notification (0: refresh at once). */
  debounceMs: number;
  /** A refresh starts at most this long after the first pending notification, however long a storm lasts. */
  maxWaitMs: number;
  /** One refresh at a time; a notification during a refresh marks it stale and re-lists when it ends. */
  serialize: boolean;
}

/**
 * Keeps one list fresh. `fetch` reads the whole list; `publish` receives every list the refresher trusts.
 * With `serialize`, an answer that was in flight when a notification arrived is never published: it may predate
 * the change, so the refresher re-lists instead (a generation check, like Python SDK v2's cache).
 */
export class Refresher<T = string[]> {
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt: number | undefined;
  private inFlight = 0;
  private generation = 0;
  private closed = false;

  constructor(
    private readonly policy: RefreshPolicy,
    private readonly fetch: () => Promise<T>,
    private readonly publish: (value: T) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A list_changed arrived. */
  notify(): void {
    this.generation += 1;
    if (this.policy.serialize && this.inFlight > 0) return; // the running refresh re-lists when it ends
    this.schedule();
  }

  /** Refresh now (initial listing, after a reconnect). */
  now(): void {
    this.generation += 1;
    if (this.policy.serialize && this.inFlight > 0) return;
    this.clearTimer();
    void this.run();
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  /** A method, not a field read, because close() may have run while a fetch was awaited. */
  private isClosed(): boolean {
    return this.closed;
  }

  private schedule(): void {
    const now = Date.now();
    this.firstPendingAt ??= now;
    const untilMax = this.firstPendingAt + this.policy.maxWaitMs - now;
    const delay = Math.max(0, Math.min(this.policy.debounceMs, untilMax));
    this.clearTimer();
    if (delay === 0 && this.policy.debounceMs === 0) {
      void this.run();
      return;
    }
    this.timer = setTimeout(() => void this.run(), delay);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (this.closed) return;
    this.timer = undefined;
    this.firstPendingAt = undefined;
    const started = this.generation;
    this.inFlight += 1;
    let names: T | undefined;
    try {
      names = await this.fetch();
    } catch (error) {
      this.onError(error);
    } finally {
      this.inFlight -= 1;
    }
    if (this.isClosed()) return;
    if (this.policy.serialize && this.generation !== started) {
      // Changed while we were reading: this answer may be stale. Read again at once rather than show it.
      void this.run();
      return;
    }
    if (names) this.publish(names);
  }
}
