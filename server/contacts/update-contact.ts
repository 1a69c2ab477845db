/**
 * Update Contact (`PATCH /contacts/v4/contacts/{id}`) with the implicit field mask of
 * WIX-CONTACTS.md 7.3. The flow: shape and domain validation, the base version (cached or
 * read), `applyInfoPatch` -> `assertSufficientInfo` -> `normalizeInfo` -> item ids ->
 * primary fields, the business checks, then one conditional UPDATE that both checks the
 * revision and writes (one round trip when the base came from the cache).
 */
import { validationError } from '../../src/model/contacts-error.js';
import { applyInfoPatch } from '../../src/model/apply-patch.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { assertSufficientInfo, validateInfo } from '../../src/model/validate-info.js';
import { infoFromWire } from '../../src/model/wire.js';
import type { StoredContact } from '../storage/contact-columns.js';
import { assignItemIds, nextVersion, toStored } from './contact-builder.js';
import type { ContactsDeps } from './contacts-deps.js';
import { baseForRevision, whyNotUpdated } from './load-contact.js';
import { readBody, readFlag, readRevision } from './request-input.js';
import { checkDuplicate, checkLabelKeys, checkMemberEmail, duplicateLockNames } from './write-checks.js';

/** Body fields a PATCH may carry: the SDK also sends the path's `contactId`; `language` is accepted and ignored. */
const PATCH_FIELDS = ['revision', 'info', 'allowDuplicates', 'contactId', 'language'] as const;

/**
 * Applies a REST PATCH body `{ revision, info, allowDuplicates? }` to contact `id` and
 * returns the new version (with its JSON, ready to send). Every successful PATCH bumps the revision by exactly 1, even
 * one that changes no value, as Wix documents ("increments by 1 each time the contact is
 * updated").
 *
 * @throws ContactsError 400 (validation, `INSUFFICIENT_UPDATE_CONTACT_DATA`,
 * `INSUFFICIENT_CONTACT_DATA`, `CANNOT_HAVE_MULTIPLE_PRIMARY_INFO`,
 * `INVALID_EXTENDED_FIELD_VALUE`, `LABEL_NOT_FOUND`), 404 `CONTACT_NOT_FOUND`, 409
 * `CONTACT_ALREADY_CHANGED`, 409 `DUPLICATE_CONTACT_EXISTS`, 428 `CANNOT_UPDATE_MEMBER_EMAIL`
 */
export async function updateContact(deps: ContactsDeps, tenantId: string, id: string, rawBody: unknown): Promise<StoredContact> {
  const body = readBody(rawBody, PATCH_FIELDS);
  if (body['contactId'] !== undefined && body['contactId'] !== id) {
    throw validationError([{ field: 'contactId', description: 'must match the contact id in the path', violatedRule: 'VALID' }]);
  }
  const revision = readRevision(body['revision']);
  const allowDuplicates = readFlag(body['allowDuplicates'], 'allowDuplicates');
  const sent = validateInfo(infoFromWire(body['info']), 'update');
  const base = await baseForRevision(deps, tenantId, id, revision);
  const merged = applyInfoPatch(base.contact.info, sent);
  assertSufficientInfo(merged);
  const info = assignItemIds(normalizeInfo(merged), base.contact.info, deps.newId);
  const next = toStored(nextVersion(base.contact, info, deps.now()));
  checkMemberEmail(base.contact, next.contact);
  await checkLabelKeys(deps, deps.sql, tenantId, sent);
  const check = { mode: 'update', sent, result: info, selfId: id, allowDuplicates } as const;
  // Checked and stored under the duplicate locks: two PATCHes giving one email to two
  // contacts at once would otherwise both pass the check (server/contacts/key-locks.ts).
  const updated = await deps.locks.hold(duplicateLockNames(deps, tenantId, check), async () => {
    await checkDuplicate(deps, deps.sql, tenantId, check);
    return deps.updates.update(tenantId, revision, next);
  });
  if (!updated) throw await whyNotUpdated(deps, tenantId, id, revision);
  deps.cache.set(tenantId, next);
  return next;
}
