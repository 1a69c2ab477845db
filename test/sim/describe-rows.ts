/** Outbox rows in one line, for failure reports. */
import type { OutboxRow } from '../../src/store/schema.js';

/** `op contactId` of each row. */
export function describeRows(rows: readonly OutboxRow[]): string {
  return rows.map((r) => `${r.op} ${r.contactId}`).join(', ');
}
