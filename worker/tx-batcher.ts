/**
 * Groups the engine's small commits into shared transactions. Pushing runs several contacts
 * at once and each answer needs a commit; one IndexedDB transaction per answer costs more
 * than the answer itself (a transaction's fixed overhead dwarfs a few puts). Commits that
 * arrive within one turn of the event loop run one after the other inside one transaction.
 * A body that fails makes its batch fail as a whole, and then every body of that batch runs
 * again alone, so one bad commit never takes others with it.
 */
import type { EngineDeps } from './engine-deps.js';
import { engineTx } from './engine-tx.js';

interface Pending {
  readonly body: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** The most bodies one transaction runs. */
export const MAX_BATCH = 64;

/** Batches engine commits; `run` has the semantics of `engineTx`. */
export class TxBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly deps: Pick<EngineDeps, 'db' | 'fence'>) {}

  /** Runs `body` in an engine transaction, possibly shared with other bodies. */
  run<T>(body: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ body, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // A macrotask, not a microtask: other requests' answers get a chance to join.
        setTimeout(() => { void this.flush(); }, 0);
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.runBatch(batch);
    }
  }

  private async runBatch(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0] as Pending);
    let results: unknown[];
    try {
      results = await engineTx(this.deps, async () => {
        const out: unknown[] = [];
        for (const p of batch) out.push(await p.body());
        return out;
      });
    } catch {
      for (const p of batch) await this.runAlone(p);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  private async runAlone(p: Pending): Promise<void> {
    try {
      p.resolve(await engineTx(this.deps, p.body));
    } catch (e) {
      p.reject(e);
    }
  }
}

/** Runs `body` through the deps' batcher when there is one, else in its own transaction. */
export function commitTx<T>(deps: Pick<EngineDeps, 'db' | 'fence' | 'batcher'>, body: () => Promise<T>): Promise<T> {
  return deps.batcher ? deps.batcher.run(body) : engineTx(deps, body);
}
