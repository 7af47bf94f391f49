/**
 * Records by name, added at run time: the eras and the transports. `names` is live (it grows with `add`), so what was
 * given it, a scenario's default list, sees a later one too.
 */
export class Registry<R extends { name: string }> {
  private readonly records = new Map<string, R>();
  private readonly list: string[] = [];

  /** `what` names a record in errors (`era`, `transport`); `reserved` names none may take. */
  constructor(private readonly what: string, private readonly reserved: readonly string[] = []) {}

  /** Every name, in the order added. */
  get names(): readonly string[] {
    return this.list;
  }

  add(record: R): void {
    if (this.records.has(record.name) || this.reserved.includes(record.name)) throw new Error(`${this.what} "${record.name}" is already taken`);
    this.records.set(record.name, record);
    this.list.push(record.name);
  }

  has(name: string): boolean {
    return this.records.has(name);
  }

  /** A record, or an error naming the unknown name. */
  get(name: string): R {
    const record = this.records.get(name);
    if (!record) throw new Error(`unknown ${this.what} "${name}"`);
    return record;
  }

  /** What a schema says of a name it refuses: `unknown era "x" (legacy, modern)`. */
  unknown(input: unknown): string {
    return `unknown ${this.what} "${String(input)}" (${this.list.join(', ')})`;
  }
}
