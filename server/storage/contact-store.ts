/**
 * The SQL of single contacts. Every statement is scoped by `tenant_id = $1`, and every write
 * bumps the tenant's change counter in the same statement: the counter row is locked first
 * (a one-time filter evaluates the `s` CTE before the scan), so writes of one tenant commit
 * in `seq` order and two writers never lock the same rows in opposite orders.
 */
import type { WireContact } from '../../src/model/wire.js';
import { CONTACT_COLUMNS, CONTACT_COLUMN_CASTS, columnValues, type StoredContact } from './contact-columns.js';
import type { SqlClient } from './sql.js';

const BUMP = 'WITH s AS (UPDATE tenants SET seq = seq + 1 WHERE tenant_id = $1 RETURNING seq)';

function placeholders(first: number): string[] {
  return CONTACT_COLUMNS.map((c, i) => `$${first + i}::${CONTACT_COLUMN_CASTS[c]}`);
}

const INSERT = `${BUMP}
INSERT INTO contacts (tenant_id, id, seq, ${CONTACT_COLUMNS.join(', ')})
SELECT $1, $2, s.seq, ${placeholders(3).join(', ')} FROM s
RETURNING seq`;

const UPDATE = `${BUMP}
UPDATE contacts c SET seq = (SELECT seq FROM s), ${CONTACT_COLUMNS.map((col, i) => `${col} = ${placeholders(4)[i] ?? ''}`).join(', ')}
WHERE c.tenant_id = $1 AND c.id = $2 AND c.revision = $3 AND (SELECT seq FROM s) IS NOT NULL
RETURNING c.seq`;

const DELETE = `${BUMP},
d AS (DELETE FROM contacts WHERE tenant_id = $1 AND id = $2 AND member_id IS NULL AND (SELECT seq FROM s) IS NOT NULL RETURNING id)
INSERT INTO tombstones (tenant_id, id, seq, deleted_at) SELECT $1, d.id, (SELECT seq FROM s), $3::timestamptz FROM d
RETURNING id`;

/** A contact row as read back. */
export interface ContactRow {
  readonly revision: number;
  readonly data: WireContact;
  readonly memberId: string | null;
}

/**
 * Creates the tenant's counter row if it is missing (idempotent). Must run before the
 * tenant's first write: writes take their `seq` from this row.
 */
export async function ensureTenant(db: SqlClient, tenantId: string): Promise<void> {
  await db.query('INSERT INTO tenants (tenant_id, seq) VALUES ($1, 0) ON CONFLICT (tenant_id) DO NOTHING', [tenantId]);
}

/** Inserts a new contact, with the next `seq` of its tenant. */
export async function insertContact(db: SqlClient, tenantId: string, stored: StoredContact): Promise<void> {
  const rows = await db.query(INSERT, [tenantId, stored.contact._id, ...columnValues(stored)]);
  if (rows.length !== 1) throw new Error(`tenant ${tenantId} has no sequence row`);
}

/**
 * Replaces a contact if, and only if, its stored revision is still `expectedRevision`: the
 * whole optimistic-concurrency check is this one conditional UPDATE. False when no row
 * matched (the contact is gone, or its revision moved on).
 */
export async function updateContactRow(
  db: SqlClient, tenantId: string, expectedRevision: number, stored: StoredContact,
): Promise<boolean> {
  const rows = await db.query(UPDATE, [tenantId, stored.contact._id, expectedRevision, ...columnValues(stored)]);
  return rows.length === 1;
}

/** Reads one contact, or undefined. */
export async function readContactRow(db: SqlClient, tenantId: string, id: string): Promise<ContactRow | undefined> {
  const rows = await db.query<{ revision: number; data: WireContact; member_id: string | null }>(
    'SELECT revision, data, member_id FROM contacts WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  const row = rows[0];
  return row === undefined ? undefined : { revision: row.revision, data: row.data, memberId: row.member_id };
}

/**
 * Deletes a contact that is not a member and leaves a tombstone with the next `seq`.
 * Returns what happened: `deleted`, `member` (refused) or `missing`.
 */
export async function deleteContactRow(db: SqlClient, tenantId: string, id: string, at: Date): Promise<'deleted' | 'member' | 'missing'> {
  const rows = await db.query(DELETE, [tenantId, id, at]);
  if (rows.length === 1) return 'deleted';
  const existing = await readContactRow(db, tenantId, id);
  return existing === undefined ? 'missing' : 'member';
}
