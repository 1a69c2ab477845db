/** Outbox rows in one line, for failure reports. */
import { isImportBatch } from '../../src/store/outbox-rows.js';
import type { OutboxEntry } from '../../src/store/schema.js';

/** `op contactId` of each row (`import contactId...` for an import's batch). */
export function describeRows(rows: readonly OutboxEntry[]): string {
  return rows.map((r) => `${r.op} ${isImportBatch(r) ? r.contactIds.join(' ') : r.contactId}`).join(', ');
}
