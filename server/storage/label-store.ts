/** The SQL of labels (`custom.<slug>` keys of a tenant). Labels are never deleted. */
import type { SqlClient } from './sql.js';

/** A stored label. */
export interface LabelRow {
  readonly key: string;
  readonly displayName: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

type RawLabel = {
  key: string;
  display_name: string;
  created_at: Date;
  updated_at: Date;
};

const COLUMNS = 'key, display_name, created_at, updated_at';

function fromRaw(r: RawLabel): LabelRow {
  return { key: r.key, displayName: r.display_name, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Returns the label `key`, creating it with `displayName` when it does not exist yet. */
export async function findOrCreateLabel(
  db: SqlClient, tenantId: string, key: string, displayName: string, at: Date,
): Promise<{ label: LabelRow; created: boolean }> {
  const inserted = await db.query<RawLabel>(
    `INSERT INTO labels (tenant_id, key, display_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (tenant_id, key) DO NOTHING RETURNING ${COLUMNS}`, [tenantId, key, displayName, at]);
  const row = inserted[0];
  if (row !== undefined) return { label: fromRaw(row), created: true };
  const existing = await getLabel(db, tenantId, key);
  if (existing === undefined) throw new Error(`label ${key} vanished`);
  return { label: existing, created: false };
}

/** One label, or undefined. */
export async function getLabel(db: SqlClient, tenantId: string, key: string): Promise<LabelRow | undefined> {
  const rows = await db.query<RawLabel>(`SELECT ${COLUMNS} FROM labels WHERE tenant_id = $1 AND key = $2`, [tenantId, key]);
  const row = rows[0];
  return row === undefined ? undefined : fromRaw(row);
}

/** A page of the tenant's labels in key order, and how many there are. */
export async function listLabels(
  db: SqlClient, tenantId: string, limit: number, offset: number,
): Promise<{ labels: LabelRow[]; total: number }> {
  const rows = await db.query<RawLabel>(
    `SELECT ${COLUMNS} FROM labels WHERE tenant_id = $1 ORDER BY key LIMIT $2 OFFSET $3`, [tenantId, limit, offset]);
  const count = await db.query<{ n: number }>('SELECT count(*) AS n FROM labels WHERE tenant_id = $1', [tenantId]);
  return { labels: rows.map(fromRaw), total: Number(count[0]?.n ?? 0) };
}

/** Which of `keys` exist for the tenant. */
export async function existingLabelKeys(db: SqlClient, tenantId: string, keys: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    'SELECT key FROM labels WHERE tenant_id = $1 AND key = ANY($2::text[])', [tenantId, keys]);
  return new Set(rows.map((r) => r.key));
}
