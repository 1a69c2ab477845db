/**
 * The server counts requests since it started; a load report wants the requests of one
 * phase (the seeding and the final check query are not load). The difference of two
 * snapshots gives that.
 */
import type { ServerStats } from '../../server/index.js';

/** Requests by status in one phase. */
export interface StatusCounts {
  readonly total: number;
  readonly byStatus: Readonly<Record<string, number>>;
}

/** What the server answered between snapshots `before` and `after`. */
export function statsBetween(before: ServerStats, after: ServerStats): StatusCounts {
  const byStatus: Record<string, number> = {};
  for (const [status, n] of Object.entries(after.byStatus)) {
    const d = n - (before.byStatus[status] ?? 0);
    if (d > 0) byStatus[status] = d;
  }
  return { total: after.total - before.total, byStatus };
}

/** How many 5xx answers `counts` holds. */
export function count5xx(counts: StatusCounts): number {
  return Object.entries(counts.byStatus).filter(([s]) => s.startsWith('5')).reduce((n, [, c]) => n + c, 0);
}

/** `200: 941, 409: 9`, in status order. */
export function formatStatuses(counts: StatusCounts): string {
  const entries = Object.entries(counts.byStatus).sort(([a], [b]) => Number(a) - Number(b));
  return entries.length === 0 ? 'none' : entries.map(([s, c]) => `${s}: ${c}`).join(', ');
}
