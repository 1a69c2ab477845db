/**
 * The sync driver backed by a real engine (in a Worker or in-process): its status is the
 * engine's state combined with the live outbox size (which every tab sees, leader or not),
 * and conflict resolution is a local write whose outbox row the engine then pushes.
 */
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, merge, skip, Subject, type Observable, type Subscription } from 'rxjs';
import type { Conflict } from '../model/conflict.js';
import type { IdFactory } from '../model/ids.js';
import type { SyncStatus } from '../model/sync-status.js';
import { observeOutboxCount } from '../live/observe-outbox-count.js';
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
   * Asks for an immediate outbox count; an emitted function is called once `current` holds
   * it. Fed by this tab's writes, `syncNow`, `resolveConflict`.
   */
  private readonly recount = new Subject<void | (() => void)>();

  /**
   * @param engineStatus$ the engine's reports (fed by the engine's `onStatus`).
   */
  constructor(
    private readonly db: ContactsDb,
    private readonly engine: EngineHandle,
    engineStatus$: Observable<EngineStatus>,
    private readonly seams: { readonly now: () => number; readonly makeId: IdFactory },
  ) {
    // The count is paced (observeOutboxCount): the worker commits once per pushed edit, and
    // re-counting after each commit was most of the page's main-thread time during a push.
    // A change of engine state (a sync ending) is counted at once too: a status that says
    // 'idle' then carries the outbox as the sync left it, not a count up to 100 ms old.
    const stateChanged$ = engineStatus$.pipe(distinctUntilChanged((a, b) => a.state === b.state), skip(1), map((): void => undefined));
    const pending$ = observeOutboxCount(db, { recountNow$: merge(this.recount, stateChanged$) });
    this.subscription = combineLatest([engineStatus$, pending$]).pipe(
      map(([status, pending]): SyncStatus => ({ ...status, pending })),
      distinctUntilChanged(sameStatus),
    ).subscribe({ next: (s) => this.current.next(s), error: () => undefined });
    this.status$ = this.current.asObservable();
  }

  async syncNow(): Promise<void> {
    await this.engine.syncNow();
    // The engine's own commits reach the count paced; whoever reads status$ once syncNow
    // resolves gets the exact outbox size.
    await this.freshPending();
  }

  pause(): void {
    this.engine.pause();
  }

  resume(): void {
    this.engine.resume();
  }

  outboxGrew(): void {
    this.recount.next();
    this.engine.notifyEdit();
  }

  async resolveConflict(conflict: Conflict, choice: 'local' | 'remote'): Promise<void> {
    const queued = await (await loadResolveConflict())({ db: this.db, ...this.seams }, conflict.id, choice);
    if (queued) this.engine.notifyEdit();
    // The choice may have queued a row or dropped the contact's rows.
    await this.freshPending();
  }

  /** Resolves once `status$` carries an outbox count started after this call. */
  private freshPending(): Promise<void> {
    if (this.subscription.closed) return Promise.resolve();
    return new Promise((resolve) => { this.recount.next(resolve); });
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
