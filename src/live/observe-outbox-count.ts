/** The live outbox size behind `sync.status$.pending`, re-counted at a bounded pace. */
import { Dexie } from '../store/dexie.js';
import type { ObservabilitySet } from 'dexie';
import { distinctUntilChanged, Observable } from 'rxjs';
import { countPending } from '../store/pending-count.js';
import type { ContactsDb } from '../store/schema.js';
import { mapStorageError } from '../store/map-storage-error.js';

/** How `observeOutboxCount` paces its re-counts. */
export interface OutboxCountOptions {
  /**
   * Least time between the starts of two counts caused by changes, in ms; default
   * `OUTBOX_COUNT_INTERVAL_MS`. Changes inside the window are folded into one trailing count.
   */
  readonly minIntervalMs?: number;
  /**
   * Each emission asks for a count at once, ahead of the window (this tab's own writes, the
   * end of a sync). An emitted function is called once a count that started after it has
   * been delivered (or when counting stops): then the last value is exact for the caller.
   */
  readonly recountNow$?: Observable<void | (() => void)>;
  /** Clock seam; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Default pacing of `observeOutboxCount`. Chromium counts an object store row by row, and
 * each count is a transaction of its own: re-counting after each of the worker's 5,000
 * push commits kept the page's main thread busy ~3.7 s of a push (docs/BENCHMARKS.md).
 * Ten counts a second still look live in a status badge.
 */
export const OUTBOX_COUNT_INTERVAL_MS = 100;

/**
 * The number of pending mutations (`countPending`), now and after every change (in this
 * tab, another tab or the worker). Re-counts are paced: at most one per `minIntervalMs` while
 * changes keep coming, but a change always leads to a count that starts after it, so the last
 * value is exact.
 *
 * @throws (as an Observable error) ContactsError storage codes.
 * @example
 * ```ts
 * observeOutboxCount(db).subscribe((pending) => status.next({ state: 'idle', pending }));
 * ```
 */
export function observeOutboxCount(db: ContactsDb, options: OutboxCountOptions = {}): Observable<number> {
  const { minIntervalMs = OUTBOX_COUNT_INTERVAL_MS, recountNow$, now = Date.now } = options;
  return new Observable<number>((subscriber) => {
    const pacer = new CountPacer(minIntervalMs, now, async () => {
      // Outside any transaction zone the listener may be called from.
      const n = await Dexie.ignoreTransaction(() => countPending(db));
      subscriber.next(n);
    }, (error) => { subscriber.error(mapStorageError(error)); });
    const prefix = `idb://${db.name}/outbox/`;
    // Dexie fires this for commits in this context and, through its BroadcastChannel, for
    // those of other tabs and the worker: the same events its `liveQuery` re-runs on.
    const onMutated = (parts: ObservabilitySet): void => {
      if (Object.keys(parts).some((part) => part === 'all' || part.startsWith(prefix))) pacer.request(false);
    };
    Dexie.on.storagemutated.subscribe(onMutated);
    const local = recountNow$?.subscribe((done) => { pacer.request(true, done ?? undefined); });
    pacer.request(true);
    return () => {
      pacer.close();
      local?.unsubscribe();
      Dexie.on.storagemutated.unsubscribe(onMutated);
    };
  }).pipe(distinctUntilChanged());
}

/**
 * Runs `count` when asked: never two at once, changes during a count fold into one more after
 * it, and paced requests start at least `minIntervalMs` apart (urgent ones do not wait).
 */
class CountPacer {
  private running = false;
  /** Asked again while a count ran: `undefined` (no), or whether it was urgent. */
  private again: boolean | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private closed = false;
  /** Callers waiting for a count that has not started yet, and for the one running. */
  private asked: (() => void)[] = [];
  private inFlight: (() => void)[] = [];

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number,
    private readonly count: () => Promise<void>,
    private readonly fail: (error: unknown) => void,
  ) {}

  request(urgent: boolean, done?: () => void): void {
    if (this.closed) {
      done?.();
      return;
    }
    if (done !== undefined) this.asked.push(done);
    if (this.running) {
      this.again = this.again === true || urgent;
      return;
    }
    const wait = urgent ? 0 : this.lastStart + this.minIntervalMs - this.now();
    if (wait <= 0) {
      void this.run();
    } else {
      this.timer ??= setTimeout(() => { this.timer = undefined; void this.run(); }, wait);
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const waiting = [...this.inFlight, ...this.asked];
    this.inFlight = [];
    this.asked = [];
    waiting.forEach((done) => { done(); });
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = true;
    this.again = undefined;
    this.lastStart = this.now();
    this.inFlight = this.asked;
    this.asked = [];
    try {
      await this.count();
    } catch (error) {
      if (!this.closed) this.fail(error);
      this.close();
      return;
    } finally {
      this.running = false;
    }
    const served = this.inFlight;
    this.inFlight = [];
    served.forEach((done) => { done(); });
    const again = this.again;
    if (again !== undefined) this.request(again);
  }
}
