/**
 * Label and Unlabel Contact (`POST` / `DELETE /contacts/v4/contacts/{id}/labels`). They take
 * no revision, so the read-modify-write is retried when a concurrent write wins the
 * conditional UPDATE.
 */
import type { Contact } from '../../src/model/contact.js';
import { appError, validationError } from '../../src/model/contacts-error.js';
import { LIMITS } from '../../src/model/limits.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import type { WireContact } from '../../src/model/wire.js';
import type { CachedContact } from './contact-cache.js';
import { nextVersion, toStored } from './contact-builder.js';
import { contactNotFound } from './contact-errors.js';
import type { ContactsDeps } from './contacts-deps.js';
import { loadContact } from './load-contact.js';

/** How often a label change is retried against concurrent writes before giving up with 409. */
const MAX_ATTEMPTS = 20;

function withLabels(contact: Contact, keys: readonly string[], add: boolean): string[] | undefined {
  const current = contact.info.labelKeys?.items ?? [];
  const next = add
    ? [...current, ...[...new Set(keys)].filter((k) => !current.includes(k))]
    : current.filter((k) => !keys.includes(k));
  return next.length === current.length ? undefined : next;
}

async function attempt(
  deps: ContactsDeps, tenantId: string, base: CachedContact, keys: readonly string[], add: boolean,
): Promise<WireContact | 'retry'> {
  const labels = withLabels(base.contact, keys, add);
  if (labels === undefined) return base.wire;
  if (labels.length > LIMITS.labelKeys) {
    throw validationError([{ field: 'labelKeys', description: `a contact has at most ${LIMITS.labelKeys} labels`, violatedRule: 'MAX_SIZE' }]);
  }
  const info = normalizeInfo({ ...base.contact.info, labelKeys: { items: labels } });
  const next = toStored(nextVersion(base.contact, info, deps.now()));
  if (!(await deps.updates.update(tenantId, base.contact.revision, next))) return 'retry';
  deps.cache.set(tenantId, next);
  return next.wire;
}

/**
 * Adds (`add`) or removes label keys. Idempotent: keys already present (or already absent)
 * are ignored, and a call that changes nothing returns the contact as it is **without
 * bumping its revision** (Wix does not document this case; WIX-CONTACTS.md 8.4 infers
 * idempotence). Otherwise the revision goes up by exactly 1.
 *
 * @throws ContactsError 400 `LABEL_NOT_FOUND` (labelling with a key that does not exist),
 * 400 `INVALID_ARGUMENT` (more than 2000 labels), 404 `CONTACT_NOT_FOUND`, 409
 * `CONTACT_ALREADY_CHANGED` (still losing to concurrent writes after 20 attempts)
 */
export async function changeLabels(
  deps: ContactsDeps, tenantId: string, id: string, keys: readonly string[], add: boolean,
): Promise<WireContact> {
  if (add) await deps.labels.assertExist(deps.sql, tenantId, keys);
  let base = deps.cache.get(tenantId, id);
  let fromCache = base !== undefined;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    // A no-op answer must show the stored contact, so a cached base is only trusted for a write.
    if (base === undefined || (fromCache && withLabels(base.contact, keys, add) === undefined)) {
      base = await loadContact(deps, deps.sql, tenantId, id);
      fromCache = false;
    }
    if (base === undefined) throw contactNotFound(id);
    const result = await attempt(deps, tenantId, base, keys, add);
    if (result !== 'retry') return result;
    base = undefined;
  }
  throw appError('CONTACT_ALREADY_CHANGED', 'The contact kept changing while its labels were being updated; try again.', { contactId: id });
}
