/** A minimal state container: the app's one source of truth, rendered after every change. */

/** Holds a state object and tells listeners when it changes. */
export class AppStore<S extends object> {
  private state: S;
  private readonly listeners = new Set<(state: S) => void>();

  constructor(initial: S) {
    this.state = initial;
  }

  /** The current state (treat as read-only; change it with `update`). */
  get value(): S {
    return this.state;
  }

  /** Merges `patch` into the state and notifies. */
  update(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** Listens to changes; returns the unsubscribe. */
  subscribe(listener: (state: S) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
