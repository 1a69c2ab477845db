/**
 * Named locks for the writes of one server process. The duplicate check (WIX-CONTACTS.md
 * section 10) is a read before the write: two writes giving the same email to two contacts
 * at once both read "no other contact has it" and both land. Holding the lock of every
 * duplicate key a write claims from its check until its write is stored makes the second
 * check see the first write.
 *
 * In process, not in the database: updates are written by the group-commit batcher outside
 * any transaction the check could share, and the reference server is one process. Several
 * server processes on one PostgreSQL would need an advisory lock instead.
 */

/** Async mutexes by name; a name with nobody holding or waiting takes no memory. */
export class KeyLocks {
  /** Per name, the promise that settles when the last holder or waiter queued so far is done. */
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `fn` holding every lock in `names`, then releases them, whether `fn` succeeds or
   * throws. Names are taken one by one in sorted order, so two callers wanting overlapping
   * sets can never each hold one the other waits for. No names: `fn` runs at once.
   *
   * @example
   * ```ts
   * const locks = new KeyLocks();
   * await locks.hold(['t1\u0000email:ann@example.com'], async () => { await check(); await write(); });
   * ```
   */
  async hold<T>(names: readonly string[], fn: () => Promise<T>): Promise<T> {
    // Most PATCHes claim no key (they send no emails or phones): no locking work for them.
    if (names.length === 0) return fn();
    const releases: (() => void)[] = [];
    try {
      for (const name of [...new Set(names)].sort()) releases.push(await this.take(name));
      return await fn();
    } finally {
      for (const release of releases) release();
    }
  }

  /** Whether anybody holds or waits for `name` (for tests: nothing may leak). */
  isHeld(name: string): boolean {
    return this.tails.has(name);
  }

  private async take(name: string): Promise<() => void> {
    const before = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.tails.set(name, tail);
    await before;
    return () => {
      release();
      // The last one in line leaves nothing behind; a later waiter replaced the tail already.
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}
