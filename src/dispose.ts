// Node 20 has neither Symbol.dispose nor Symbol.asyncDispose; TypeScript's `using` / `await using` look them up at run time.
const symbols = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol };
symbols.dispose ??= Symbol.for('Symbol.dispose');
symbols.asyncDispose ??= Symbol.for('Symbol.asyncDispose');

/** Disposes each resource in reverse order of adding; one failing never stops the rest (a small AsyncDisposableStack). */
export class DisposalStack implements AsyncDisposable {
  private readonly disposers: (() => Promise<void> | void)[] = [];

  /** Runs `dispose` on disposal, after everything added later. */
  defer(dispose: () => Promise<void> | void): void {
    this.disposers.push(dispose);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const dispose of this.disposers.splice(0).reverse()) {
      try {
        await dispose();
      } catch {
        // Teardown continues: every resource gets its chance to close.
      }
    }
  }
}
