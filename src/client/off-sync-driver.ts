/** The driver of a client that does not sync (no remote, or `sync: 'off'`). */
import {
  EMPTY, Subject, catchError, concat, defer, distinctUntilChanged, finalize, map, of, share, takeUntil, tap,
  type Observable,
} from 'rxjs';
import type { Conflict } from '../model/conflict.js';
import { randomId } from '../model/ids.js';
import type { SyncStatus } from '../model/sync-status.js';
import { observeOutboxCount } from '../live/observe-conflicts.js';
import { countPending } from '../store/pending-count.js';
import type { ContactsDb } from '../store/schema.js';
import { loadResolveConflict, type SyncDriver } from './sync-driver.js';

/**
 * No sync: the status is always `idle` with the outbox size as `pending`; `syncNow`
 * resolves at once. This tab's writes update the size without a read; the outbox itself is
 * watched (to see other tabs' writes) only while someone subscribes to `status$`, so
 * unobserved writes pay no extra read. A subscriber gets the last known status at once,
 * then the counted one if it differs.
 */
export class OffSyncDriver implements SyncDriver {
  readonly status$: Observable<SyncStatus>;
  private last: SyncStatus;
  /** True while `status$` has subscribers (then the outbox watch keeps `last` exact). */
  private watching = false;
  private readonly db: ContactsDb;
  private readonly stopped = new Subject<void>();

  private constructor(db: ContactsDb, pending: number) {
    this.db = db;
    this.last = { state: 'idle', pending };
    const watched = defer(() => {
      this.watching = true;
      return observeOutboxCount(db).pipe(finalize(() => { this.watching = false; }));
    }).pipe(
      map((n): SyncStatus => ({ state: 'idle', pending: n })),
      tap((status) => { this.last = status; }),
      // The database closed under a subscriber: keep showing the last status.
      catchError(() => EMPTY),
      share(),
    );
    this.status$ = defer(() => concat(of(this.last), watched)).pipe(
      distinctUntilChanged((a, b) => a.state === b.state && a.pending === b.pending),
      takeUntil(this.stopped),
    );
  }

  /**
   * Reads the outbox size.
   *
   * @throws Dexie errors (callers map them).
   * @example
   * ```ts
   * const driver = await OffSyncDriver.start(db);
   * ```
   */
  static async start(db: ContactsDb): Promise<OffSyncDriver> {
    return new OffSyncDriver(db, await countPending(db));
  }

  syncNow(): Promise<void> { return Promise.resolve(); }
  pause(): void { /* nothing runs */ }
  resume(): void { /* nothing runs */ }
  /** Keeps the last status exact for this tab's writes without reading the outbox. */
  outboxGrew(rows: number): void {
    if (!this.watching) this.last = { state: 'idle', pending: this.last.pending + rows };
  }

  /** Forgets the conflict: without an engine the local state is all there is. */
  /** Applies the choice locally; its outbox row waits for a client that syncs. */
  async resolveConflict(conflict: Conflict, choice: 'local' | 'remote'): Promise<void> {
    await (await loadResolveConflict())({ db: this.db, now: Date.now, makeId: randomId }, conflict.id, choice);
  }

  stop(): Promise<void> {
    this.stopped.next();
    this.stopped.complete();
    return Promise.resolve();
  }
}
