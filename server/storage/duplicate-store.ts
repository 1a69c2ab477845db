/**
 * Finds the contact a write would duplicate (WIX-CONTACTS.md section 10, reference-server
 * rule): the primary email against other contacts' primary emails, or, for a contact without
 * any email, the primary phone against other contacts' primary phones. The oldest match wins.
 */
import type { DuplicateKey } from '../../src/model/duplicates.js';
import type { SqlClient } from './sql.js';

/**
 * Which emails count (section 10 leaves it open): `primary` compares primary emails only
 * (the default); `any` matches when any email of the contact equals any email of another.
 */
export type DuplicateEmailMode = 'primary' | 'any';

const BY_PRIMARY_EMAIL = `SELECT id FROM contacts WHERE tenant_id = $1 AND email_key = $2 AND id <> $3
ORDER BY created_at, id LIMIT 1`;
const BY_ANY_EMAIL = `SELECT id FROM contacts WHERE tenant_id = $1 AND email_keys && $2::text[] AND id <> $3
ORDER BY created_at, id LIMIT 1`;
const BY_PHONE = `SELECT id FROM contacts WHERE tenant_id = $1 AND phone_key = $2 AND id <> $3
ORDER BY created_at, id LIMIT 1`;

/**
 * The id of another contact of the tenant with the same duplicate key, or undefined.
 * `emailKeys` are all the (case-folded) emails of the contact being written; they are used
 * in `any` mode only.
 */
export async function findDuplicateContact(
  db: SqlClient, tenantId: string, key: DuplicateKey, excludeId: string,
  mode: DuplicateEmailMode, emailKeys: readonly string[],
): Promise<string | undefined> {
  let rows: { id: string }[];
  if (key.kind === 'phone') rows = await db.query<{ id: string }>(BY_PHONE, [tenantId, key.value, excludeId]);
  else if (mode === 'any') rows = await db.query<{ id: string }>(BY_ANY_EMAIL, [tenantId, [key.value, ...emailKeys], excludeId]);
  else rows = await db.query<{ id: string }>(BY_PRIMARY_EMAIL, [tenantId, key.value, excludeId]);
  return rows[0]?.id;
}
