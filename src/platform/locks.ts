/**
 * Exclusive named locks for leadership: the Web Locks API where it exists (pages and
 * workers of one origin share it, and a lock is released when its holder's tab goes away),
 * and an in-process stand-in elsewhere (Node tests with several clients on one database).
 */

/** A held lock; resolve `released` to let the next waiter in. */
export interface LockOptions {
  /** Take the lock from its holder (who is told through its `signal`). */
  steal?: boolean;
  /** Aborts waiting for the lock. */
  signal?: AbortSignal;
}

/** The part of `navigator.locks` we use. */
export interface LockManagerLike {
  /**
   * Waits for the exclusive lock `name`, runs `holder` while holding it, releases it when the
   * returned promise settles. With `steal`, takes it at once from the current holder.
   */
  request(name: string, options: LockOptions, holder: (lock: unknown) => Promise<void>): Promise<void>;
}

/** `navigator.locks` when the platform has it. */
export function platformLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

interface Waiter {
  run: () => void;
  signal?: AbortSignal | undefined;
}

/**
 * An in-process lock manager with the semantics we rely on: FIFO waiters, release when the
 * holder's promise settles, `steal` that lets a new holder in at once (the old holder keeps
 * running but is fenced by the leadership epoch, as with Web Locks).
 */
export class InProcessLocks implements LockManagerLike {
  private readonly held = new Map<string, { release: () => void }>();
  private readonly queues = new Map<string, Waiter[]>();

  async request(name: string, options: LockOptions, holder: (lock: unknown) => Promise<void>): Promise<void> {
    if (options.steal) this.held.delete(name);
    else if (this.held.has(name)) await this.wait(name, options.signal);
    const token = { release: () => undefined };
    this.held.set(name, token);
    try {
      await holder({ name });
    } finally {
      if (this.held.get(name) === token) {
        this.held.delete(name);
        this.queues.get(name)?.shift()?.run();
      }
    }
  }

  private wait(name: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      const waiter: Waiter = { run: resolve, signal };
      queue.push(waiter);
      signal?.addEventListener('abort', () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(signal.reason instanceof Error ? signal.reason : new Error('lock request aborted'));
      });
    });
  }
}

const shared = new InProcessLocks();

/** The lock manager to use here: Web Locks, or one in-process manager shared by all clients. */
export function defaultLocks(): LockManagerLike {
  return platformLocks() ?? shared;
}

const perFactory = new WeakMap<object, InProcessLocks>();

/**
 * The in-process lock manager for one IndexedDB factory: each fake-indexeddb factory in a
 * test is a separate "device", whose engines must not wait for another device's locks.
 */
export function locksForFactory(factory: object | undefined): LockManagerLike {
  const platform = platformLocks();
  if (platform !== undefined || factory === undefined) return platform ?? shared;
  let locks = perFactory.get(factory);
  if (locks === undefined) {
    locks = new InProcessLocks();
    perFactory.set(factory, locks);
  }
  return locks;
}
