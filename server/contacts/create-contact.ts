/**
 * Create Contact (`POST /contacts/v4/contacts`), with the server's `Idempotency-Key`
 * addition: the first request with a key claims it, and its answer (the contact, or the 4xx
 * error) is stored in the same transaction as the contact; a retry with the same key and
 * body gets that answer again, a different body gets 409 `IDEMPOTENCY_KEY_REUSED`.
 */
import { createHash } from 'node:crypto';
import type { ContactInfo } from '../../src/model/contact.js';
import { ContactsError, appError, validationError } from '../../src/model/contacts-error.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { validateInfo } from '../../src/model/validate-info.js';
import { infoFromWire } from '../../src/model/wire.js';
import type { StoredContact } from '../storage/contact-columns.js';
import { insertContact } from '../storage/contact-store.js';
import { claimKey, storeResponse } from '../storage/idempotency-store.js';
import type { SqlClient } from '../storage/sql.js';
import { assignItemIds, newContact, toStored } from './contact-builder.js';
import type { ContactsDeps } from './contacts-deps.js';
import { readBody, readFlag } from './request-input.js';
import { checkDuplicate, checkLabelKeys, duplicateLockNames } from './write-checks.js';

/**
 * An HTTP answer: status and the JSON text of the body (a replay sends the stored text
 * byte for byte); `replayed` when it comes from an earlier request.
 */
export interface Outcome {
  readonly status: number;
  readonly body: string;
  readonly replayed: boolean;
}

const contactBody = (stored: StoredContact): string => `{"contact":${stored.json}}`;

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` header value, if any.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` (not 1..255 visible ASCII characters)
 */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && KEY_FORMAT.test(header)) return header;
  throw validationError([{
    field: 'Idempotency-Key', description: 'must be 1..255 visible ASCII characters, sent once', violatedRule: 'FORMAT',
  }]);
}

/** JSON with object keys sorted, so the same body hashes the same whatever its key order. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A create body, read and validated: everything but what needs the database or new ids. */
interface ReadCreate {
  readonly sent: ContactInfo;
  /** The normalised info, before item ids. */
  readonly info: ContactInfo;
  readonly allowDuplicates: boolean | undefined;
}

/** @throws ContactsError 400 (shape, validation, `INSUFFICIENT_CONTACT_DATA`) */
function readCreate(rawBody: unknown): ReadCreate {
  const body = readBody(rawBody, ['info', 'allowDuplicates']);
  const allowDuplicates = readFlag(body['allowDuplicates'], 'allowDuplicates');
  const sent = validateInfo(infoFromWire(body['info']), 'create');
  return { sent, info: normalizeInfo(sent), allowDuplicates };
}

/** The duplicate locks the create holds until it is stored (see `duplicateLockNames`). */
function lockNames(deps: ContactsDeps, tenantId: string, read: ReadCreate): string[] {
  return duplicateLockNames(deps, tenantId, { mode: 'create', sent: read.sent, result: read.info, allowDuplicates: read.allowDuplicates });
}

async function createIn(deps: ContactsDeps, db: SqlClient, tenantId: string, read: ReadCreate): Promise<StoredContact> {
  const id = deps.newId();
  const info = assignItemIds(read.info, undefined, deps.newId);
  await checkLabelKeys(deps, db, tenantId, read.sent);
  await checkDuplicate(deps, db, tenantId, { mode: 'create', sent: read.sent, result: info, selfId: id, allowDuplicates: read.allowDuplicates });
  const stored = toStored(newContact(info, id, deps.now()));
  await insertContact(db, tenantId, stored);
  return stored;
}

/** A 4xx refusal as the answer it is; anything else is rethrown. */
function refusalOutcome(e: unknown): Outcome {
  if (!(e instanceof ContactsError) || e.status >= 500) throw e;
  return { status: e.status, body: JSON.stringify(e.toEnvelope()), replayed: false };
}

/** The create's answer: the contact, or its 4xx refusal (a retry must get the same refusal, not a contact). */
async function createAnswer(deps: ContactsDeps, tx: SqlClient, tenantId: string, read: ReadCreate): Promise<Outcome & { stored?: StoredContact }> {
  try {
    const stored = await createIn(deps, tx, tenantId, read);
    return { status: 200, body: contactBody(stored), replayed: false, stored };
  } catch (e) {
    return refusalOutcome(e);
  }
}

async function createOnce(deps: ContactsDeps, tenantId: string, body: unknown, key: string): Promise<Outcome & { stored?: StoredContact }> {
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  // Read before the transaction: the duplicate locks must be taken outside it, since on
  // PGlite a transaction holds the database and a lock holder may be waiting for it. A
  // body that does not read is still only answered inside, after the key is claimed.
  let read: ReadCreate | Outcome;
  try {
    read = readCreate(body);
  } catch (e) {
    read = refusalOutcome(e);
  }
  const names = 'sent' in read ? lockNames(deps, tenantId, read) : [];
  return deps.locks.hold(names, () => deps.sql.transaction(async (tx) => {
    const earlier = await claimKey(tx, tenantId, key, hash, deps.now());
    if (earlier !== undefined) {
      if (earlier.requestHash !== hash) {
        throw appError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request body', { idempotencyKey: key });
      }
      return { status: earlier.status, body: earlier.body, replayed: true };
    }
    const outcome = 'sent' in read ? await createAnswer(deps, tx, tenantId, read) : read;
    await storeResponse(tx, tenantId, key, outcome.status, outcome.body);
    return outcome;
  }));
}

/**
 * Creates a contact from a REST body `{ info, allowDuplicates? }`.
 *
 * @throws ContactsError 400 (validation, `INSUFFICIENT_CONTACT_DATA`, `LABEL_NOT_FOUND`...),
 * 409 `DUPLICATE_CONTACT_EXISTS`, 409 `IDEMPOTENCY_KEY_REUSED`. With a key, 4xx answers are
 * returned as an `Outcome` (and stored) rather than thrown.
 */
export async function createContact(deps: ContactsDeps, tenantId: string, body: unknown, key: string | undefined): Promise<Outcome> {
  if (key === undefined) {
    const read = readCreate(body);
    const stored = await deps.locks.hold(lockNames(deps, tenantId, read), () => createIn(deps, deps.sql, tenantId, read));
    deps.cache.set(tenantId, stored);
    return { status: 200, body: contactBody(stored), replayed: false };
  }
  const { stored, ...outcome } = await createOnce(deps, tenantId, body, key);
  if (stored !== undefined) deps.cache.set(tenantId, stored);
  return outcome;
}
