/**
 * Group commit for contact updates. Every write of a tenant locks the tenant's change-counter
 * row until it commits, so concurrent updates of one tenant queue behind each other. While
 * one update statement of a tenant is running, the updates that arrive meanwhile wait and
 * then go together in one statement: it takes one `seq` range from the counter and applies
 * each row's own conditional check (`revision = expected`), so every update still succeeds
 * or fails on its own, exactly as it would alone. With no contention a batch has one update
 * and nothing waits. Two updates of the same contact never share a batch (the second would
 * otherwise race the first inside one statement); it goes in the next one.
 *
 * Queue per tenant: idle -> (update) -> running(batch) -> (done) -> running(next batch) | idle.
 */
import { CONTACT_COLUMNS, CONTACT_COLUMN_CASTS, columnValues, type StoredContact } from './contact-columns.js';
import { updateContactRow } from './contact-store.js';
import type { Sql, SqlValue } from './sql.js';

/** The most updates one statement carries. */
export const MAX_BATCH = 64;

interface PendingUpdate {
  readonly expected: number;
  readonly stored: StoredContact;
  readonly resolve: (updated: boolean) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * The batch travels as one JSON array of rows (`jsonb_to_recordset`), not as one array
 * parameter per column: each contact's JSON is spliced in as it was serialised for the
 * answer, where array parameters made the driver quote and escape every element of every
 * column (the contact JSON included) and Postgres parse 15 array literals.
 */
const ROW_TYPES = `id text, expected integer, ord integer, ${CONTACT_COLUMNS.map((c) => `${c} ${CONTACT_COLUMN_CASTS[c]}`).join(', ')}`;

const BATCH_UPDATE = `WITH s AS (UPDATE tenants SET seq = seq + $2 WHERE tenant_id = $1 RETURNING seq),
u AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS u(${ROW_TYPES}))
UPDATE contacts c SET seq = (SELECT seq FROM s) - $2 + u.ord, ${CONTACT_COLUMNS.map((c) => `${c} = u.${c}`).join(', ')}
FROM u WHERE c.tenant_id = $1 AND c.id = u.id AND c.revision = u.expected AND (SELECT seq FROM s) IS NOT NULL
RETURNING c.id`;

/** One row of the batch document: the column values by name, `data` spliced in as JSON. */
function batchRow(p: PendingUpdate, ord: number): string {
  const values = columnValues(p.stored);
  const row: Record<string, unknown> = { id: p.stored.contact._id, expected: p.expected, ord };
  CONTACT_COLUMNS.forEach((column, i) => {
    if (column !== 'data') row[column] = values[i];
  });
  // Dates become ISO strings through JSON.stringify, as timestamptz input expects.
  return `{"data":${p.stored.json},${JSON.stringify(row).slice(1)}`;
}

/** The parameters of `BATCH_UPDATE`. */
function batchParams(tenantId: string, batch: readonly PendingUpdate[]): SqlValue[] {
  return [tenantId, batch.length, `[${batch.map((p, i) => batchRow(p, i + 1)).join(',')}]`];
}

/** Batches the conditional updates of each tenant (see the file comment). */
export class UpdateBatcher {
  readonly #queues = new Map<string, PendingUpdate[]>();
  readonly #running = new Set<string>();

  constructor(private readonly sql: Sql) {}

  /**
   * Replaces the contact if its stored revision is still `expectedRevision`; false when no
   * row matched (gone, or the revision moved on). Same contract as `updateContactRow`.
   */
  update(tenantId: string, expectedRevision: number, stored: StoredContact): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const queue = this.#queues.get(tenantId) ?? [];
      queue.push({ expected: expectedRevision, stored, resolve, reject });
      this.#queues.set(tenantId, queue);
      if (!this.#running.has(tenantId)) void this.#drain(tenantId);
    });
  }

  /** Takes the next batch: queue order, at most one update per contact. */
  #take(tenantId: string): PendingUpdate[] {
    const queue = this.#queues.get(tenantId) ?? [];
    const batch: PendingUpdate[] = [];
    const ids = new Set<string>();
    const rest: PendingUpdate[] = [];
    for (const p of queue) {
      if (batch.length < MAX_BATCH && !ids.has(p.stored.contact._id)) {
        ids.add(p.stored.contact._id);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    if (rest.length === 0) this.#queues.delete(tenantId);
    else this.#queues.set(tenantId, rest);
    return batch;
  }

  async #drain(tenantId: string): Promise<void> {
    this.#running.add(tenantId);
    try {
      for (let batch = this.#take(tenantId); batch.length > 0; batch = this.#take(tenantId)) await this.#run(tenantId, batch);
    } finally {
      this.#running.delete(tenantId);
    }
  }

  async #run(tenantId: string, batch: readonly PendingUpdate[]): Promise<void> {
    try {
      const only = batch.length === 1 ? batch[0] : undefined;
      if (only !== undefined) {
        only.resolve(await updateContactRow(this.sql, tenantId, only.expected, only.stored));
        return;
      }
      const rows = await this.sql.query<{ id: string }>(BATCH_UPDATE, batchParams(tenantId, batch));
      const updated = new Set(rows.map((r) => r.id));
      for (const p of batch) p.resolve(updated.has(p.stored.contact._id));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
}
