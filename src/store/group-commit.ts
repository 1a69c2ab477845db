/**
 * Group commit for the local write path. IndexedDB runs read-write transactions on the same
 * tables one after another, and each commit costs a few ms on its own (Chromium: 2-4 ms), so
 * a burst of writes (a multi-select relabel, an app saving many rows at once) is bound by
 * commits, not by work. Writes that arrive while a transaction is open wait for it and then
 * share the next one.
 *
 * A write alone (the common case) runs at once in its own transaction, as before. In a
 * shared transaction the writes run one after another in arrival order, so each sees the
 * ones before it exactly as it would have in transactions of its own. IndexedDB has no
 * savepoints: if any write of a shared transaction fails, the whole transaction is rolled
 * back and its writes run again (the ones before the failing write together, the failing
 * one alone, the rest with the queue), so one write's error (a stale revision, a duplicate)
 * fails that write only and never leaves half of it stored.
 */

/** Runs `scope` in one read-write transaction; resolves after the commit, rejects on abort. */
export type Transact = <T>(scope: () => Promise<T>) => Promise<T>;

/** One write of a batch. */
interface Job {
  readonly scope: () => Promise<unknown>;
  /** Called before the write runs again, after a shared transaction rolled back. */
  readonly beforeRetry: () => void;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * At most this many writes share a transaction: long enough to amortise the commit, short
 * enough that a reader or the sync worker waiting for the tables is not held for long.
 */
export const MAX_GROUP = 64;

/**
 * Serialises writes into read-write transactions, grouping the ones that queue up.
 *
 * @example
 * ```ts
 * const commits = new GroupCommit((scope) => db.transaction('rw', db.contacts, scope));
 * const [a, b] = await Promise.all([commits.submit(writeA), commits.submit(writeB)]);
 * ```
 */
export class GroupCommit {
  private readonly transact: Transact;
  private readonly waiting: Job[] = [];
  private draining = false;

  constructor(transact: Transact) {
    this.transact = transact;
  }

  /**
   * Runs `scope` in a transaction of its own when no write is in flight, else in the next
   * shared one. Resolves with its result once that transaction has committed; rejects with
   * its own error (as the transaction reported it) when it fails alone.
   * `beforeRetry` runs before `scope` is run again after a shared transaction rolled back.
   */
  submit<T>(scope: () => Promise<T>, beforeRetry: () => void = noop): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ scope, beforeRetry, resolve: resolve as (value: unknown) => void, reject });
      // Started synchronously: a write alone opens its transaction in the caller's turn.
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        const notRun = group.length === 1 ? await this.alone(group[0]!) : await this.together(group);
        // Still ahead of every later arrival; they may share a transaction with those.
        this.waiting.unshift(...notRun);
      }
    } finally {
      this.draining = false;
    }
  }

  /** A write in its own transaction; never rejects (the job gets the outcome). */
  private async alone(job: Job): Promise<readonly Job[]> {
    try {
      job.resolve(await this.transact(job.scope));
    } catch (e) {
      job.reject(e);
    }
    return [];
  }

  /** Runs `jobs` to the end in order, sharing transactions where it can. */
  private async inOrder(jobs: readonly Job[]): Promise<void> {
    let rest = jobs;
    while (rest.length > 0) rest = rest.length === 1 ? await this.alone(rest[0]!) : await this.together(rest);
  }

  /**
   * Runs `group` in one transaction. After a rollback it reruns the writes up to the failing
   * one and returns the ones after it, not yet run, so that the caller keeps their order.
   */
  private async together(group: readonly Job[]): Promise<readonly Job[]> {
    let results: unknown[];
    // The write that threw, when one did (-1: the commit itself failed).
    let failedAt = -1;
    try {
      results = await this.transact(async () => {
        const out: unknown[] = [];
        for (const [i, job] of group.entries()) {
          failedAt = i;
          out.push(await job.scope());
        }
        failedAt = -1;
        return out;
      });
    } catch {
      // Rolled back as a whole. The writes before the failing one run again (together: they
      // succeeded on this state), then the failing one alone (its own error); the rest go
      // back to the caller. A failed commit names no write: each runs alone.
      for (const job of group) job.beforeRetry();
      if (failedAt < 0) {
        for (const job of group) await this.alone(job);
        return [];
      }
      await this.inOrder(group.slice(0, failedAt));
      await this.alone(group[failedAt]!);
      return group.slice(failedAt + 1);
    }
    group.forEach((job, i) => { job.resolve(results[i]); });
    return [];
  }
}

function noop(): void {}
