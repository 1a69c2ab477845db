/**
 * Online/offline and page-visibility signals, read lazily from whatever global scope we run
 * in (a page or a worker), so importing the library in Node never throws.
 */

/** A source of "the network may be back" and "the page is visible again" events. */
export interface NetworkSignals {
  /** The platform's belief; `true` where it cannot tell (Node). */
  isOnline(): boolean;
  /** Calls `listener` on `online` and on becoming visible; returns an unsubscribe function. */
  subscribe(listener: (reason: 'online' | 'visible') => void): () => void;
}

interface EventScope {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

function scope(): EventScope | undefined {
  const g = globalThis as Partial<EventScope>;
  return typeof g.addEventListener === 'function' && typeof g.removeEventListener === 'function' ? (g as EventScope) : undefined;
}

/** The signals of the current global scope (window or worker). */
export function globalNetworkSignals(): NetworkSignals {
  return {
    isOnline: () => {
      const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
      return typeof nav?.onLine === 'boolean' ? nav.onLine : true;
    },
    subscribe: (listener) => {
      const s = scope();
      if (!s) return () => undefined;
      const online = (): void => listener('online');
      const doc = (globalThis as { document?: { visibilityState?: string } }).document;
      const visible = (): void => {
        if (doc?.visibilityState === 'visible') listener('visible');
      };
      s.addEventListener('online', online);
      if (doc) s.addEventListener('visibilitychange', visible);
      return () => {
        s.removeEventListener('online', online);
        if (doc) s.removeEventListener('visibilitychange', visible);
      };
    },
  };
}

/** Signals for tests and for engines told about the network by someone else (a page). */
export class ManualNetworkSignals implements NetworkSignals {
  private online = true;
  private readonly listeners = new Set<(reason: 'online' | 'visible') => void>();

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: (reason: 'online' | 'visible') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sets the state and, on a change to online, tells the listeners. */
  setOnline(online: boolean): void {
    const cameBack = online && !this.online;
    this.online = online;
    if (cameBack) for (const l of this.listeners) l('online');
  }

  /** Tells the listeners the page became visible. */
  becameVisible(): void {
    for (const l of this.listeners) l('visible');
  }
}
