/**
 * One life of a device's client, between two crashes: the `fetch` it uses. When the life
 * ends (a crash), requests already on their way still reach the server and are answered
 * there, but the answers never come back, and new requests never leave: every promise the
 * dead client waits on stays pending, as in a tab that is gone.
 */

/** A request held at the door until the test lets it through. */
export interface Held {
  /** Resolves with `METHOD path` when the held request arrives. */
  readonly arrived: Promise<string>;
  /** Lets it go on to the server. */
  release(): void;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** The network of one client life. */
export class Incarnation {
  private dead = false;
  private requests = 0;
  private crashPlan: { readonly at: number; readonly sent: boolean; readonly crashed: () => void } | undefined;
  private holdPlan: { readonly arrived: (what: string) => void; readonly release: Promise<void> } | undefined;
  private readonly inflight = new Set<Promise<unknown>>();

  /** @param inner the device's network under this life (fault injection, then the server). */
  constructor(private readonly inner: () => typeof fetch) {}

  /** True once the life has ended. */
  get isDead(): boolean {
    return this.dead;
  }

  /** Ends the life now. */
  kill(): void {
    this.dead = true;
  }

  /**
   * Ends the life when its `at`-th request from now is made: that request reaches the server
   * (`sent`) or not. Resolves when the crash happens.
   */
  crashAt(at: number, sent: boolean): Promise<void> {
    return new Promise<void>((crashed) => {
      this.crashPlan = { at: this.requests + at, sent, crashed };
    });
  }

  /** Holds the next request until `release()`. */
  holdNext(): Held {
    let release!: () => void;
    let arrived!: (what: string) => void;
    const released = new Promise<void>((r) => { release = r; });
    const arrival = new Promise<string>((r) => { arrived = r; });
    this.holdPlan = { arrived, release: released };
    return { arrived: arrival, release };
  }

  /** Waits until every request this life sent has been answered by the server. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
  }

  /** The `fetch` of this life. */
  readonly fetch: typeof fetch = async (input, init) => {
    if (this.dead) return never();
    this.requests += 1;
    const plan = this.crashPlan;
    if (plan !== undefined && this.requests >= plan.at) {
      this.crashPlan = undefined;
      this.dead = true;
      if (plan.sent) void this.track(this.inner()(input, init));
      plan.crashed();
      return never();
    }
    const hold = this.holdPlan;
    if (hold !== undefined) {
      this.holdPlan = undefined;
      hold.arrived(`${init?.method ?? 'GET'} ${typeof input === 'string' ? input : input instanceof URL ? input.href : input.url}`);
      await hold.release;
    }
    const response = await this.track(this.inner()(input, init));
    return this.dead ? never() : response;
  };

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const forget = (): void => { this.inflight.delete(p); };
    p.then(forget, forget);
    return p;
  }
}
