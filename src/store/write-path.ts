/**
 * The write half of the local store: validation, normalisation, the implicit field mask,
 * duplicate detection and the index keys (with the phone and country tables behind them).
 * `ContactStore` loads it on the first write (`loadWritePath`), so a page's entry chunk
 * carries only what opening, reading and live queries need; `openContacts` starts the load
 * early, so a first write seldom waits for it.
 */
export { applyInfoPatchShared } from '../model/apply-patch.js';
export { needsDuplicateCheck } from '../model/duplicates.js';
export { normalizeInfo } from '../model/normalize.js';
export { assertSufficientInfo, validateInfo, validateLabelKeys } from '../model/validate-info.js';
export { keepRowBase } from './base-of.js';
export { newContact, withInfo } from './build-contact.js';
export { findDuplicate } from './find-duplicate.js';
export { importContacts } from './import-contacts.js';
export { contactRow } from './index-keys.js';
export { addLabelKeys, removeLabelKeys } from './label-keys.js';
