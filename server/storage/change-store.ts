/**
 * The SQL of the change feed: the latest state of every contact, and the tombstone of every
 * deleted one, whose `seq` is after a cursor, in `seq` order. A contact keeps only its last
 * `seq`, so a page carries each contact once, however often it changed.
 */
import type { WireContact } from '../../src/model/wire.js';
import type { SqlClient } from './sql.js';

/** One entry of the feed. */
export type ChangeRow =
  | { readonly kind: 'contact'; readonly seq: number; readonly data: WireContact }
  | { readonly kind: 'deleted'; readonly seq: number; readonly id: string };

type RawChange = {
  kind: 'c' | 'd';
  id: string;
  seq: number;
  data: WireContact | null;
};

const PAGE = `SELECT kind, id, seq, data FROM (
  SELECT 'c' AS kind, id, seq, data FROM contacts WHERE tenant_id = $1 AND seq > $2
  UNION ALL
  SELECT 'd' AS kind, id, seq, NULL::jsonb AS data FROM tombstones WHERE tenant_id = $1 AND seq > $2
) AS changes ORDER BY seq LIMIT $3`;

const COUNT_AFTER = `SELECT
  (SELECT count(*) FROM contacts WHERE tenant_id = $1 AND seq > $2)
  + (SELECT count(*) FROM tombstones WHERE tenant_id = $1 AND seq > $2) AS n`;

function toChange(r: RawChange): ChangeRow {
  const seq = Number(r.seq);
  return r.kind === 'd' || r.data === null ? { kind: 'deleted', seq, id: r.id } : { kind: 'contact', seq, data: r.data };
}

/**
 * Up to `limit` entries after `afterSeq`, whether more follow, and how many (the count is
 * exact when the page is read, but the feed may grow meanwhile: an estimate for progress).
 */
export async function readChanges(
  db: SqlClient, tenantId: string, afterSeq: number, limit: number,
): Promise<{ rows: ChangeRow[]; hasMore: boolean; remaining: number }> {
  const raw = await db.query<RawChange>(PAGE, [tenantId, afterSeq, limit + 1]);
  const hasMore = raw.length > limit;
  const rows = raw.slice(0, limit).map(toChange);
  if (!hasMore) return { rows, hasMore, remaining: 0 };
  const last = rows[rows.length - 1]?.seq ?? afterSeq;
  const count = await db.query<{ n: number }>(COUNT_AFTER, [tenantId, last]);
  return { rows, hasMore, remaining: Number(count[0]?.n ?? 0) };
}
