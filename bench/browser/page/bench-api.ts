/**
 * The contract between the benchmark page and its driver (bench/browser/run.ts): what the
 * page exposes on `globalThis.bench`, and the raw results it hands back through
 * `page.evaluate`. Timings are milliseconds from `performance.now()`.
 */

/** Raw numbers of one contender: `samples` is the headline timing, `extra` other series. */
export interface ContenderRun {
  readonly samples: number[];
  readonly extra?: Record<string, number[]>;
}

/** What one workload run returns: contenders by name, in the order the table shows them. */
export interface WorkloadRun {
  readonly contenders: Record<string, ContenderRun>;
  /** Facts about the data (match counts, document size...). */
  readonly notes?: Record<string, number | string>;
}

/** Sizes and repetitions shared by the workloads. */
export interface WorkloadParams {
  /** Measured rounds (a warm-up round comes first unless `warmup` is false). */
  readonly rounds: number;
  readonly warmup: boolean;
  /** Contacts in the database. */
  readonly contacts: number;
  /** Operations per contender per round, where a workload repeats one. */
  readonly ops: number;
}

/** Main-thread facts gathered in the page while the worker pushes. */
export interface PushPhaseResult {
  readonly edits: number;
  readonly drainMs: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly longestTaskMs: number;
  /** Worst lateness of a 5 ms interval timer: how long the main thread was unavailable. */
  readonly worstLagMs: number;
  /** Live-query emissions the page rendered during the drain. */
  readonly emissions: number;
}

/** One cold-open measurement. */
export interface ColdOpenResult {
  /** From calling `openContacts` (or `db.open()` for the floor) to the first 50 by name. */
  readonly openMs: number;
  /** The part of `openMs` until `openContacts` (or `db.open()`) resolved; the rest is the read. */
  readonly openedMs: number;
  /** From navigation start to the same moment (includes loading the page's scripts). */
  readonly sinceNavigationMs: number;
}

/** What the page exposes on `globalThis.bench`. */
export interface BenchApi {
  update(params: WorkloadParams & { readonly burst: number }): Promise<WorkloadRun>;
  bulk(params: WorkloadParams): Promise<WorkloadRun>;
  search(params: WorkloadParams): Promise<WorkloadRun>;
  live(params: WorkloadParams): Promise<WorkloadRun>;
  coldSeed(params: { readonly contacts: number }): Promise<Record<string, number | string>>;
  coldOpen(contender: ColdContender, serverToken: string, how: 'observe' | 'find'): Promise<ColdOpenResult>;
  pushPrepare(params: PushPrepareParams): Promise<void>;
  pushDrain(): Promise<PushPhaseResult>;
  pushFinish(): Promise<void>;
  /** The floor of the edits push: bare PATCHes from the page; returns their wall time in ms. */
  pushFloor(params: { readonly edits: number; readonly round: number; readonly token: string }): Promise<number>;
  /** The floor of the pull: the change feed read bare from the page. */
  pullFloor(params: { readonly token: string }): Promise<{ readonly ms: number; readonly entries: number }>;
}

/** Contenders of the cold-open workload. */
export type ColdContender = 'ours' | 'ours-worker' | 'floor';

/**
 * One step of the push workload: `open` opens a syncing client (the server's tenant is still
 * empty), `update` queues one edit of each of the first `edits` contacts with sync paused.
 */
export interface PushPrepareParams {
  readonly kind: 'open' | 'update';
  readonly edits: number;
  readonly round: number;
  readonly token: string;
}
