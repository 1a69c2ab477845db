/**
 * Normalised identities of list items, used where two items must be recognised as "the same"
 * without an `_id`: the merge matches items across devices with them, and duplicate
 * detection compares contacts with them.
 */
import type { Address, ContactPhone } from './contact.js';

/** An email's identity: trimmed and lower-cased. */
export function emailKey(email: string): string {
  void email; throw new Error('TODO(model helper): not implemented yet');
}

/** A phone's identity: its E.164 form where `countryCode` + `phone` parse, else its digits. */
export function phoneKey(phone: Pick<ContactPhone, 'phone' | 'countryCode'>): string {
  void phone; throw new Error('TODO(model helper): not implemented yet');
}

/** An address's identity: its normalised fields (trimmed, lower-cased, blanks dropped) joined. */
export function addressKey(address: Address | undefined): string {
  void address; throw new Error('TODO(model helper): not implemented yet');
}
