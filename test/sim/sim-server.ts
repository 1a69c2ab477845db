/**
 * The reference server the simulation runs against: one per process (PGlite in memory
 * starts in about a second), with a fresh tenant per run. A server knows its tokens from the
 * start, so it is made with a batch of them (`sim-<generation>-<n>`) and replaced by a new
 * one, once every run of the old one has ended, when the batch is used up.
 */
import { startServer, type RunningServer, type StorageOption } from '../../server/index.js';
import type { SimTenant } from './sim-world.js';

/** Tenants per server: each costs one insert at start. */
export const TENANTS_PER_SERVER = 200;

interface Generation {
  readonly id: number;
  readonly server: Promise<RunningServer>;
  next: number;
  users: number;
}

/** A lease on a fresh tenant; `release()` when the run is over. */
export interface TenantLease {
  readonly tenant: SimTenant;
  release(): Promise<void>;
}

/** Hands out fresh tenants, starting and retiring servers as needed. */
export class SimServer {
  private current: Generation | undefined;
  private generations = 0;
  private readonly retired = new Set<Generation>();

  constructor(private readonly storage: StorageOption = 'memory') {}

  /** A tenant no run has used. */
  async lease(): Promise<TenantLease> {
    if (this.current === undefined || this.current.next >= TENANTS_PER_SERVER) this.startGeneration();
    const gen = this.current!;
    const n = gen.next++;
    gen.users++;
    const server = await gen.server;
    const token = `sim-${gen.id}-${n}`;
    return {
      tenant: { url: server.url, token, tenantId: `tenant-${token}`, seedMember: (t, id) => server.seedMember(t, id) },
      release: async () => {
        gen.users--;
        if (gen.users === 0 && this.retired.has(gen)) await this.stop(gen);
      },
    };
  }

  /** Stops every server. */
  async close(): Promise<void> {
    const all = [...this.retired, ...(this.current === undefined ? [] : [this.current])];
    this.current = undefined;
    await Promise.allSettled(all.map((g) => this.stop(g)));
  }

  private startGeneration(): void {
    if (this.current !== undefined) {
      const old = this.current;
      this.retired.add(old);
      if (old.users === 0) void this.stop(old);
    }
    const id = this.generations++;
    const tokens = Object.fromEntries(Array.from({ length: TENANTS_PER_SERVER }, (_, n) => [`sim-${id}-${n}`, `tenant-sim-${id}-${n}`]));
    this.current = { id, server: startServer({ port: 0, host: '127.0.0.1', storage: this.storage, tokens }), next: 0, users: 0 };
  }

  private async stop(gen: Generation): Promise<void> {
    this.retired.delete(gen);
    await (await gen.server).close();
  }
}
