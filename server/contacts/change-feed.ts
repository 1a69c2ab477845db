/**
 * The change feed (`GET /contacts/v4/changes?cursor=<c>&limit=<n>`), the server's addition
 * to Wix v4 for pull sync: the latest state of every contact changed after the cursor, or
 * its tombstone, in the order of the tenant's change counter.
 */
import { validationError } from '../../src/model/contacts-error.js';
import type { WireContact } from '../../src/model/wire.js';
import { readChanges } from '../storage/change-store.js';
import type { SqlClient } from '../storage/sql.js';

/** One entry: a contact's latest state, or the id of a deleted contact. */
export type ChangeEntryJson = { readonly contact: WireContact } | { readonly deletedId: string };

/** A page of the feed. `cursor` is opaque to clients; `remaining` estimates what follows. */
export interface ChangesPageJson {
  readonly changes: ChangeEntryJson[];
  readonly cursor: string;
  readonly hasMore: boolean;
  readonly remaining: number;
}

/** Page size when none is asked for, and the largest allowed. */
export const CHANGES_LIMIT = { default: 100, max: 1000 } as const;

/**
 * The cursor is the decimal `seq` of the last entry read (`''` or absent: the beginning).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
function parseCursor(value: unknown): number {
  if (value === undefined || value === '') return 0;
  if (typeof value === 'string' && /^(0|[1-9]\d{0,14})$/.test(value)) return Number(value);
  throw validationError([{ field: 'cursor', description: 'is not a cursor this server issued', violatedRule: 'FORMAT' }]);
}

function parseLimit(value: unknown): number {
  if (value === undefined) return CHANGES_LIMIT.default;
  const n = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && n <= CHANGES_LIMIT.max) return n;
  throw validationError([{
    field: 'limit', description: `must be an integer 1..${CHANGES_LIMIT.max}`, violatedRule: 'RANGE', data: { max: CHANGES_LIMIT.max },
  }]);
}

/**
 * Reads one page of the feed from query-string values. A contact created and deleted after
 * the cursor appears only as its tombstone.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` (bad cursor or limit)
 */
export async function readChangesPage(db: SqlClient, tenantId: string, cursor: unknown, limit: unknown): Promise<ChangesPageJson> {
  const after = parseCursor(cursor);
  const page = await readChanges(db, tenantId, after, parseLimit(limit));
  const last = page.rows[page.rows.length - 1]?.seq ?? after;
  return {
    changes: page.rows.map((r) => (r.kind === 'contact' ? { contact: r.data } : { deletedId: r.id })),
    cursor: String(last),
    hasMore: page.hasMore,
    remaining: page.remaining,
  };
}
