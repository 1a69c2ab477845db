/**
 * A `fetch` for tests that can misbehave on purpose, one request at a time: drop a request
 * before it reaches the server, lose the response after the server committed, answer a
 * status without asking the server, delay, or be offline. Faults are queued and consumed in
 * order by the matching requests.
 */

/** One injected fault. */
export type Fault =
  | { readonly kind: 'drop' } // never reaches the server; the caller sees a network error
  | { readonly kind: 'lose-response' } // the server handles it; the caller sees a network error
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'garbage'; readonly body: string }; // 200 with a body that is not what the API promises

/** Which requests a fault applies to. */
export interface FaultMatch {
  readonly method?: string;
  /** Substring of the URL path. */
  readonly path?: string;
}

interface Queued {
  readonly fault: Fault;
  readonly match: FaultMatch;
}

/** A controllable fetch with a request log. */
export class FaultyFetch {
  offline = false;
  readonly log: { method: string; url: string; status: number | 'network-error' }[] = [];
  private readonly queue: Queued[] = [];

  constructor(private readonly real: typeof fetch = globalThis.fetch) {}

  /** Queues `fault` for the next request matching `match` (any request by default). */
  inject(fault: Fault, match: FaultMatch = {}): this {
    this.queue.push({ fault, match });
    return this;
  }

  /** Queues the same fault `n` times. */
  injectTimes(n: number, fault: Fault, match: FaultMatch = {}): this {
    for (let i = 0; i < n; i++) this.inject(fault, match);
    return this;
  }

  /** Goes offline once `n` more requests have been sent. */
  offlineAfter(n: number): this {
    this.remainingOnline = n;
    return this;
  }

  private remainingOnline: number | undefined;

  /** Faults still waiting for a request. */
  get pendingFaults(): number {
    return this.queue.length;
  }

  /** The `fetch` to hand to the code under test. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const fault = this.take(method, url);
    const record = (status: number | 'network-error'): void => { this.log.push({ method, url, status }); };
    if (this.remainingOnline !== undefined && this.remainingOnline-- <= 0) {
      this.remainingOnline = undefined;
      this.offline = true;
    }
    if (this.offline) {
      record('network-error');
      throw new TypeError('fetch failed (offline)');
    }
    switch (fault?.kind) {
      case 'drop':
        record('network-error');
        throw new TypeError('fetch failed (dropped)');
      case 'status':
        record(fault.status);
        return new Response(fault.body === undefined ? '' : JSON.stringify(fault.body), { status: fault.status, headers: fault.headers ?? {} });
      case 'garbage':
        record(200);
        return new Response(fault.body, { status: 200, headers: { 'Content-Type': 'application/json' } });
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms));
        break;
      case 'lose-response': {
        const response = await this.real(input, init);
        await response.arrayBuffer();
        record('network-error');
        throw new TypeError('fetch failed (response lost)');
      }
      case undefined:
        break;
    }
    const response = await this.real(input, init);
    record(response.status);
    return response;
  };

  private take(method: string, url: string): Fault | undefined {
    const path = new URL(url).pathname + new URL(url).search;
    const i = this.queue.findIndex(({ match }) =>
      (match.method === undefined || match.method === method) && (match.path === undefined || path.includes(match.path)));
    if (i < 0) return undefined;
    const [q] = this.queue.splice(i, 1);
    return q?.fault;
  }
}
