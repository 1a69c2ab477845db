/** Request counters, for tests that need to know what a client actually sent. */

/** Counts since the server started. Keys of `byRoute` are `METHOD /path/pattern` (without the `/_api` alias prefix). */
export interface ServerStats {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  /** `METHOD /path/pattern STATUS` -> count. */
  readonly byRouteAndStatus: Readonly<Record<string, number>>;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Counts answered requests per route and status. */
export class RequestStats {
  #total = 0;
  readonly #byRoute = new Map<string, number>();
  readonly #byStatus = new Map<string, number>();
  readonly #byRouteAndStatus = new Map<string, number>();

  /** Records one answered request; `route` is the matched pattern, or undefined when none matched. */
  record(method: string, route: string | undefined, status: number): void {
    const key = `${method} ${(route ?? '(unmatched)').replace(/^\/_api\//, '/')}`;
    this.#total += 1;
    bump(this.#byRoute, key);
    bump(this.#byStatus, String(status));
    bump(this.#byRouteAndStatus, `${key} ${status}`);
  }

  /** A snapshot (plain objects, safe to keep). */
  snapshot(): ServerStats {
    return {
      total: this.#total,
      byRoute: Object.fromEntries(this.#byRoute),
      byStatus: Object.fromEntries(this.#byStatus),
      byRouteAndStatus: Object.fromEntries(this.#byRouteAndStatus),
    };
  }
}
