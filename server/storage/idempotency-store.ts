/**
 * The SQL of `Idempotency-Key` records: per tenant and key, the hash of the first request
 * and the response it got. The record is claimed (inserted) at the start of the create's
 * transaction and filled in before the commit, so a concurrent retry waits on the claim and
 * then reads the stored answer instead of creating a second contact.
 */
import type { SqlClient } from './sql.js';

/** What a key already answered: the status and the exact JSON text of the body. */
export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly body: string;
}

/** How long a key is remembered; older records are purged. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Claims `key` for a request with `requestHash`. Returns undefined when this call claimed
 * it (go ahead, then `storeResponse`), or what the earlier request stored.
 */
export async function claimKey(
  db: SqlClient, tenantId: string, key: string, requestHash: string, at: Date,
): Promise<StoredResponse | undefined> {
  const claimed = await db.query(
    `INSERT INTO idempotency (tenant_id, key, request_hash, status, response, created_at) VALUES ($1, $2, $3, NULL, NULL, $4)
     ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`, [tenantId, key, requestHash, at]);
  if (claimed.length === 1) return undefined;
  const rows = await db.query<{ request_hash: string; status: number | null; response: string | null }>(
    'SELECT request_hash, status, response FROM idempotency WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
  const row = rows[0];
  if (row === undefined || row.status === null || row.response === null) throw new Error(`idempotency key ${key} has no stored response`);
  return { requestHash: row.request_hash, status: row.status, body: row.response };
}

/** Records the answer (status and JSON text) to a claimed key, in the transaction of the claim. */
export async function storeResponse(db: SqlClient, tenantId: string, key: string, status: number, body: string): Promise<void> {
  await db.query('UPDATE idempotency SET status = $3, response = $4 WHERE tenant_id = $1 AND key = $2', [tenantId, key, status, body]);
}

/** Forgets keys older than the TTL; returns how many. */
export async function purgeKeys(db: SqlClient, olderThan: Date): Promise<number> {
  const rows = await db.query('DELETE FROM idempotency WHERE created_at < $1 RETURNING key', [olderThan]);
  return rows.length;
}
