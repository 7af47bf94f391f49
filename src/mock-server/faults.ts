import type { Journal } from '../trace/journal.js';

interface NotificationFault {
  fault: 'drop' | 'duplicate';
  /** Only notifications with this method (all when undefined). */
  method?: string;
  remaining: number;
}

/** Armed faults on outgoing notifications: drop the next N, or send the next N twice. */
export class Faults {
  private readonly armed: NotificationFault[] = [];

  constructor(private readonly journal: Journal) {}

  /** Drops the next `count` matching notifications (each fan-out counts once). */
  dropNext(count = 1, method?: string): void {
    this.arm({ fault: 'drop', remaining: count, ...(method ? { method } : {}) });
  }

  /** Sends the next `count` matching notifications twice. */
  duplicateNext(count = 1, method?: string): void {
    this.arm({ fault: 'duplicate', remaining: count, ...(method ? { method } : {}) });
  }

  clear(): void {
    this.armed.length = 0;
  }

  /** How many copies of a notification with `method` to send now (0 drops it); consumes one armed fault. */
  take(method: string): number {
    const fault = this.armed.find((entry) => entry.method === undefined || entry.method === method);
    if (!fault) return 1;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed.splice(this.armed.indexOf(fault), 1);
    this.journal.append({ kind: 'fault', fault: `${fault.fault}-notification`, detail: method });
    return fault.fault === 'drop' ? 0 : 2;
  }

  private arm(fault: NotificationFault): void {
    this.armed.push(fault);
  }
}
