/**
 * The Labels API subset the server offers (DESIGN.md section 6): find-or-create by display
 * name (`POST /contacts/v4/labels`), list (`GET /contacts/v4/labels`) and get
 * (`GET /contacts/v4/labels/{key}`).
 */
import { appError, validationError } from '../../src/model/contacts-error.js';
import { parsePaging } from '../../src/model/query/sort-paging.js';
import type { ContactsDeps } from '../contacts/contacts-deps.js';
import { queryNumber, readBody } from '../contacts/request-input.js';
import { findOrCreateLabel, getLabel, listLabels, type LabelRow } from '../storage/label-store.js';
import { CUSTOM_NAMESPACE, labelKeyFor } from './label-slug.js';

/** A label in REST form. */
export interface LabelJson {
  readonly key: string;
  readonly displayName: string;
  readonly labelType: 'USER_DEFINED';
  readonly namespace: string;
  readonly createdDate: string;
  readonly updatedDate: string;
}

/** Longest display name (ours: Wix states none). */
export const LABEL_DISPLAY_NAME_LENGTH = 200;

function toJson(row: LabelRow): LabelJson {
  return {
    key: row.key, displayName: row.displayName, labelType: 'USER_DEFINED', namespace: CUSTOM_NAMESPACE,
    createdDate: row.createdAt.toISOString(), updatedDate: row.updatedAt.toISOString(),
  };
}

function readDisplayName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length >= 1 && name.length <= LABEL_DISPLAY_NAME_LENGTH) return name;
  throw validationError([{
    field: 'displayName', description: `must be a string of 1..${LABEL_DISPLAY_NAME_LENGTH} characters`, violatedRule: 'TYPE',
  }]);
}

/**
 * Finds the label whose key the display name maps to, or creates it.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
export async function findOrCreate(deps: ContactsDeps, tenantId: string, rawBody: unknown): Promise<{ label: LabelJson; newLabel: boolean }> {
  const body = readBody(rawBody, ['displayName', 'language']);
  const displayName = readDisplayName(body['displayName']);
  const { label, created } = await findOrCreateLabel(deps.sql, tenantId, labelKeyFor(displayName), displayName, deps.now());
  deps.labels.remember(tenantId, label.key);
  return { label: toJson(label), newLabel: created };
}

/**
 * One label by key.
 *
 * @throws ContactsError 404 `NOT_FOUND`
 */
export async function getLabelByKey(deps: ContactsDeps, tenantId: string, key: string): Promise<{ label: LabelJson }> {
  const row = await getLabel(deps.sql, tenantId, key);
  if (row === undefined) throw appError('NOT_FOUND', `label ${key} not found`, { key });
  return { label: toJson(row) };
}

/**
 * A page of labels (`paging.limit`, `paging.offset` in the query string), in key order.
 *
 * @throws ContactsError 400 `ILLEGAL_LIMIT`, `INVALID_ARGUMENT`
 */
export async function listLabelsPage(deps: ContactsDeps, tenantId: string, qs: Record<string, unknown>) {
  const { limit, offset } = parsePaging({ limit: queryNumber(qs['paging.limit']), offset: queryNumber(qs['paging.offset']) });
  const { labels, total } = await listLabels(deps.sql, tenantId, limit, offset);
  return {
    labels: labels.map(toJson),
    pagingMetadata: { count: labels.length, offset, total, tooManyToCount: false },
  };
}
