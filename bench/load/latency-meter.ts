/**
 * Push latency: the time from a local write to the server's acknowledgement of it. Every
 * value a load edit writes is unique, so the first 2xx answer that shows the value is the
 * ack of that edit; an edit overtaken by a later one on the same field before it was pushed
 * (coalesced), or whose value lost a merge, is never acked and is counted apart.
 *
 * Only scalar fields are followed (name, company, job title, extended fields: see
 * `scalarsOf`); label, list and delete edits ride in the same pushes.
 */
import type { Contact } from '../../src/model/contact.js';
import { scalarsOf } from '../../test/sim/edit-log.js';

/** How many recently acked values are kept for writes registered after their ack. */
const EARLY_ACKS = 10_000;

/** Collects latencies. */
export class LatencyMeter {
  private readonly waiting = new Map<string, number>();
  /**
   * Values acked before the write that made them was registered: the write is registered
   * when the local call returns, and an engine syncing by itself may have pushed it by then.
   * Insertion-ordered, so the oldest is dropped first.
   */
  private readonly early = new Map<string, number>();
  private readonly samples: number[] = [];

  /** Values written locally by a call that started at `at` (ms, `performance.now()`). */
  wrote(values: Iterable<string>, at: number): void {
    for (const v of values) {
      if (v === '') continue;
      const ackedAt = this.early.get(v);
      if (ackedAt === undefined) {
        this.waiting.set(v, at);
      } else {
        this.early.delete(v);
        this.samples.push(ackedAt - at);
      }
    }
  }

  /** A server answer showing `contact`, received at `at`. */
  acked(contact: Contact, at: number): void {
    for (const v of scalarsOf(contact.info).values()) {
      const t0 = this.waiting.get(v);
      if (t0 !== undefined) {
        this.waiting.delete(v);
        this.samples.push(at - t0);
      } else if (!this.early.has(v)) {
        this.early.set(v, at);
        if (this.early.size > EARLY_ACKS) this.early.delete(this.early.keys().next().value!);
      }
    }
  }

  /** Acked edits. */
  get count(): number {
    return this.samples.length;
  }

  /** Edits never acked as such (coalesced into a later edit, or superseded by another device). */
  get neverAcked(): number {
    return this.waiting.size;
  }

  /** The p-th percentile (0..100) in ms, nearest rank; NaN without samples. */
  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  }
}
