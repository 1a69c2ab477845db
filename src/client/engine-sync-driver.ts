/**
 * The sync driver backed by a real engine (in a Worker or in-process): its status is the
 * engine's state combined with the live outbox size (which every tab sees, leader or not),
 * and conflict resolution is a local write whose outbox row the engine then pushes.
 */
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, type Observable, type Subscription } from 'rxjs';
import type { Conflict } from '../model/conflict.js';
import type { IdFactory } from '../model/ids.js';
import type { SyncStatus } from '../model/sync-status.js';
import { observeOutboxCount } from '../live/observe-conflicts.js';
import type { ContactsDb } from '../store/schema.js';
import type { EngineHandle } from '../../worker/create-engine.js';
import type { EngineStatus } from '../../worker/sync-engine.js';
import { loadResolveConflict, type SyncDriver } from './sync-driver.js';

const sameStatus = (a: SyncStatus, b: SyncStatus): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A `SyncDriver` over a started engine. */
export class EngineSyncDriver implements SyncDriver {
  readonly status$: Observable<SyncStatus>;
  private readonly current = new BehaviorSubject<SyncStatus>({ state: 'idle', pending: 0 });
  private readonly subscription: Subscription;

  /**
   * @param engineStatus$ the engine's reports (fed by the engine's `onStatus`).
   */
  constructor(
    private readonly db: ContactsDb,
    private readonly engine: EngineHandle,
    engineStatus$: Observable<EngineStatus>,
    private readonly seams: { readonly now: () => number; readonly makeId: IdFactory },
  ) {
    this.subscription = combineLatest([engineStatus$, observeOutboxCount(db)]).pipe(
      map(([status, pending]): SyncStatus => ({ ...status, pending })),
      distinctUntilChanged(sameStatus),
    ).subscribe({ next: (s) => this.current.next(s), error: () => undefined });
    this.status$ = this.current.asObservable();
  }

  syncNow(): Promise<void> {
    return this.engine.syncNow();
  }

  pause(): void {
    this.engine.pause();
  }

  resume(): void {
    this.engine.resume();
  }

  outboxGrew(): void {
    this.engine.notifyEdit();
  }

  async resolveConflict(conflict: Conflict, choice: 'local' | 'remote'): Promise<void> {
    const queued = await (await loadResolveConflict())({ db: this.db, ...this.seams }, conflict.id, choice);
    if (queued) this.engine.notifyEdit();
  }

  async stop(): Promise<void> {
    this.subscription.unsubscribe();
    try {
      await this.engine.stop();
    } finally {
      this.current.complete();
    }
  }
}

/** A subject the engine's `onStatus` can feed before the driver exists. */
export function engineStatusSubject(): BehaviorSubject<EngineStatus> {
  return new BehaviorSubject<EngineStatus>({ state: 'idle' });
}
