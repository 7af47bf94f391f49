/** How a client polls, if it does. */
export interface PollPolicy {
  /** The wait between polls (0: it does not poll). */
  pollMs: number;
  /** Each wait is shortened by up to this fraction of it, at random (0: a fixed cadence). */
  pollJitter: number;
  /** The wait doubles after each failed poll, up to MAX_BACKOFF times, and is back to pollMs after one that worked. */
  pollBackoff: boolean;
}

/** The longest a backing-off poller waits, in periods. */
const MAX_BACKOFF = 4;

/** Polls on the policy's schedule until stopped; `poll` says whether the poll worked. Returns the function that stops it. */
export function startPolling(policy: PollPolicy, poll: () => Promise<boolean>): () => void {
  if (policy.pollMs <= 0) return () => undefined;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    const base = policy.pollMs * (policy.pollBackoff ? Math.min(2 ** failures, MAX_BACKOFF) : 1);
    timer = setTimeout(() => {
      void poll().then((worked) => {
        failures = worked ? 0 : failures + 1;
        if (!stopped) schedule();
      });
    }, base * (1 - policy.pollJitter * Math.random()));
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
