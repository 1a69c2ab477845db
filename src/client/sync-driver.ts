/**
 * The seam between the client and the sync engine. `openContacts` asks `createSyncDriver`
 * for a driver and only ever talks to this interface; the engine (worker or inline) plugs in
 * here. Until it does, every mode runs the 'off' driver: nothing is pushed or pulled.
 */
import {
  EMPTY, Subject, catchError, concat, defer, distinctUntilChanged, finalize, map, of, share, takeUntil, tap,
  type Observable,
} from 'rxjs';
import type { ConflictPolicy } from '../merge/merge3.js';
import type { Conflict } from '../model/conflict.js';
import type { SyncStatus } from '../model/sync-status.js';
import type { IndexedDbDeps } from '../platform/indexed-db.js';
import type { ContactsRemote, RemoteOptions } from '../remote/contacts-remote.js';
import { observeOutboxCount } from '../live/observe-conflicts.js';
import type { ContactStore } from '../store/contact-store.js';
import { resolveConflict } from '../store/resolve-conflict.js';
import { randomId } from '../model/ids.js';
import { startEngineDriver } from './start-engine-driver.js';
import type { ContactsDb } from '../store/schema.js';

/** What the client needs from a sync engine. */
export interface SyncDriver {
  /** Emits the current status at once on subscribe, then every change. */
  readonly status$: Observable<SyncStatus>;
  syncNow(): Promise<void>;
  pause(): void;
  resume(): void;
  /** A local write in this tab committed `rows` new outbox rows. */
  outboxGrew(rows: number): void;
  /** Applies the user's choice for a recorded conflict (the conflict exists). */
  resolveConflict(conflict: Conflict, choice: 'local' | 'remote'): Promise<void>;
  /** Stops for good (close/destroy); must not touch the database afterwards. */
  stop(): Promise<void>;
}

/** Everything a driver may use. */
export interface SyncDriverContext {
  /** The database name (a worker opens its own connection by name). */
  readonly name: string;
  readonly deps: IndexedDbDeps;
  readonly db: ContactsDb;
  readonly store: ContactStore;
  readonly remote: RemoteOptions | ContactsRemote | undefined;
  readonly mode: 'worker' | 'inline' | 'off';
  readonly conflictPolicy: ConflictPolicy;
  readonly now: () => number;
}

/**
 * The driver for `context.mode`.
 *
 * @throws ContactsError storage codes (reading the outbox size).
 * @example
 * ```ts
 * const driver = await createSyncDriver(context);
 * driver.status$.subscribe(console.log);
 * ```
 */
export async function createSyncDriver(context: SyncDriverContext): Promise<SyncDriver> {
  const { remote } = context;
  if (context.mode === 'off' || remote === undefined) return OffSyncDriver.start(context.db);
  return startEngineDriver({ ...context, remote });
}

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
    return new OffSyncDriver(db, await db.outbox.count());
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
    await resolveConflict({ db: this.db, now: Date.now, makeId: randomId }, conflict.id, choice);
  }

  stop(): Promise<void> {
    this.stopped.next();
    this.stopped.complete();
    return Promise.resolve();
  }
}
