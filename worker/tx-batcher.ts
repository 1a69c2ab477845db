/**
 * Groups the engine's small commits into shared transactions. Pushing runs several contacts
 * at once and each answer needs a commit; one IndexedDB transaction per answer costs more
 * than the answer itself (a transaction's fixed overhead dwarfs a few puts).
 *
 * - Commits that arrive within one turn of the event loop, or while a batch is being
 *   written, share the next transaction: one batch at a time. Batches written side by side
 *   would each take a transaction over the same tables, which the database runs one after
 *   the other anyway (in Chromium a read-write transaction costs about 9 ms; a push that
 *   committed 1.3 bodies per transaction spent 14 ms per edit).
 * - Inside a batch, the bodies that name the one contact they touch (`key`) run side by
 *   side, their requests in flight together; the others, and a second body of the same
 *   contact, run one after the other once those are done. In Chromium every request is a
 *   round trip to the browser process, and bodies awaited one by one made a batch of six
 *   acknowledgements take 36 ms. Bodies on different contacts touch different rows, and
 *   each re-reads what it changes inside the transaction, so any order of them is one the
 *   engine could have run them in.
 * - Bodies of one kind that would each make the same few requests (`runGrouped`: the
 *   acknowledgements) run as one call with all of the batch's items, which reads and writes
 *   them with bulk requests. Per item that costs a half to a third of single requests (Dexie
 *   sets up a promise, a zone and a request per call): in a node drain, where six of an
 *   edit's eleven requests are its acknowledgement's, the engine's thread went from 2.04 to
 *   1.74 ms per edit.
 * - A body that fails makes its batch fail as a whole, and then every body of that batch
 *   runs again alone, so one bad commit never takes others with it.
 */
import type { EngineDeps } from './engine-deps.js';
import { engineTx } from './engine-tx.js';

/** A commit of one kind that runs as one call with the batch's others (`TxBatcher.runGrouped`). */
export interface Group {
  readonly name: string;
  readonly item: unknown;
  readonly run: (items: readonly unknown[]) => Promise<void>;
}

interface Pending {
  readonly body: () => Promise<unknown>;
  /** The one contact the body reads and writes; undefined: it may touch others. */
  readonly key: string | undefined;
  readonly group: Group | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** The most bodies one transaction runs. */
export const MAX_BATCH = 64;

/** Batches engine commits; `run` has the semantics of `engineTx`. */
export class TxBatcher {
  private queue: Pending[] = [];
  /** A flush is scheduled or running: it takes every body queued until it ends. */
  private active = false;

  constructor(private readonly deps: Pick<EngineDeps, 'db' | 'fence'>) {}

  /**
   * Runs `body` in an engine transaction, possibly shared with other bodies. Give `key`
   * only when the body reads and writes nothing but the rows of that one contact; `group`
   * only through `runGrouped`.
   */
  run<T>(body: () => Promise<T>, key?: string, group?: Group): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ body, key, group, resolve: resolve as (v: unknown) => void, reject });
      if (!this.active) {
        this.active = true;
        // A macrotask, not a microtask: other requests' answers get a chance to join.
        setTimeout(() => { void this.flush(); }, 0);
      }
    });
  }

  /**
   * Commits `item` with `run`, in one call with every item of the same `name` in the batch
   * (each naming its own contact, `key`); alone, `run([item])`. Every item of one name must
   * go with the same `run`.
   */
  runGrouped<T>(name: string, run: (items: readonly T[]) => Promise<void>, item: T, key: string): Promise<void> {
    return this.run(() => run([item]), key, { name, item, run: run as Group['run'] });
  }

  private async flush(): Promise<void> {
    // Bodies queued while a batch is written join the next one. runBatch never throws.
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.runBatch(batch);
    }
    this.active = false;
  }

  private async runBatch(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0] as Pending);
    // Side by side: the bodies naming a contact no earlier body of the batch names.
    const keys = new Set<string | undefined>([undefined]);
    const side: Pending[] = [];
    const after: Pending[] = [];
    for (const p of batch) {
      (keys.has(p.key) ? after : side).push(p);
      keys.add(p.key);
    }
    const groups = new Map<string, unknown[]>();
    for (const { group: g } of side) {
      if (g === undefined) continue;
      const items = groups.get(g.name);
      if (items === undefined) groups.set(g.name, [g.item]);
      else items.push(g.item);
    }
    let results: unknown[];
    try {
      results = await engineTx(this.deps, async () => {
        // Settled, not Promise.all: no body may still be writing when the batch fails and
        // its bodies run again alone. A group's first item runs the group's one call (an
        // item's commit has no value of its own).
        const settled = await Promise.allSettled(side.map(({ body, group: g }) => {
          if (g === undefined) return body();
          const items = groups.get(g.name);
          groups.delete(g.name);
          return items === undefined ? Promise.resolve() : g.run(items);
        }));
        const out: unknown[] = [];
        for (const s of settled) {
          if (s.status === 'rejected') throw s.reason;
          out.push(s.value);
        }
        for (const p of after) out.push(await p.body());
        return out;
      });
    } catch {
      for (const p of batch) await this.runAlone(p);
      return;
    }
    [...side, ...after].forEach((p, i) => p.resolve(results[i]));
  }

  private async runAlone(p: Pending): Promise<void> {
    try {
      p.resolve(await engineTx(this.deps, p.body));
    } catch (e) {
      p.reject(e);
    }
  }
}

/**
 * Runs `body` through the deps' batcher when there is one, else in its own transaction.
 * `key`: the one contact the body touches, when that is all it touches (see TxBatcher.run).
 */
export function commitTx<T>(deps: Pick<EngineDeps, 'db' | 'fence' | 'batcher'>, body: () => Promise<T>, key?: string): Promise<T> {
  return deps.batcher ? deps.batcher.run(body, key) : engineTx(deps, body);
}

/**
 * Commits `item` through the deps' batcher, in one call with the batch's other items of
 * `name` (see TxBatcher.runGrouped), else as `run([item])` in its own transaction.
 */
export function commitGrouped<T>(
  deps: Pick<EngineDeps, 'db' | 'fence' | 'batcher'>, name: string, run: (items: readonly T[]) => Promise<void>, item: T, key: string,
): Promise<void> {
  return deps.batcher ? deps.batcher.runGrouped(name, run, item, key) : engineTx(deps, () => run([item]));
}
