/**
 * What the merge needs to know about each list of identified items (emails, phones,
 * addresses): the fields merged per item, how an item without `_id` is recognised, and
 * whether the list has a primary item.
 */
import type { Address, ContactInfo, ContactPhone } from '../model/contact.js';
import { addressKey, emailKey, phoneKey } from '../model/identity.js';
import type { ItemListName } from './conflict-path.js';

/**
 * An email, phone or address seen field by field. The model's interfaces have no index
 * signature, so the generic list code reads items through this view.
 *
 * @example
 * ```ts
 * const item: LooseItem = { _id: 'e1', email: 'a@x.org', primary: true };
 * ```
 */
export interface LooseItem {
  _id?: string;
  primary?: boolean;
  [field: string]: unknown;
}

/**
 * How one kind of list item is merged and identified.
 *
 * @example
 * ```ts
 * const kind: ItemKind = ITEM_KINDS.phones; // fields tag, countryCode, phone; has a primary
 * ```
 */
export interface ItemKind {
  readonly list: ItemListName;
  /** Fields merged per item as single values (`primary` and read-only fields excluded). */
  readonly fields: readonly string[];
  readonly hasPrimary: boolean;
  /** The normalised identity of an item that has no `_id` (model/identity.ts). */
  keyOf(item: LooseItem): string;
}

/**
 * The three kinds of identified list items, by list name.
 *
 * @example
 * ```ts
 * ITEM_KINDS.emails.keyOf({ email: ' Ann@X.org ' }); // 'ann@x.org'
 * ```
 */
export const ITEM_KINDS: Readonly<Record<ItemListName, ItemKind>> = {
  emails: {
    list: 'emails', fields: ['tag', 'email'], hasPrimary: true,
    keyOf: (item) => emailKey(typeof item['email'] === 'string' ? item['email'] : ''),
  },
  phones: {
    list: 'phones', fields: ['tag', 'countryCode', 'phone'], hasPrimary: true,
    keyOf: (item) => phoneKey(item as unknown as ContactPhone),
  },
  addresses: {
    list: 'addresses', fields: ['tag', 'address'], hasPrimary: false,
    keyOf: (item) => addressKey(item['address'] as Address | undefined),
  },
};

/**
 * The items of one list of `info` (empty when the list is absent).
 *
 * @example
 * ```ts
 * itemsOf({ emails: { items: [{ email: 'a@x.org' }] } }, 'emails').length; // 1
 * ```
 */
export function itemsOf(info: ContactInfo, list: ItemListName): readonly LooseItem[] {
  return (info[list]?.items ?? []) as unknown as readonly LooseItem[];
}

/**
 * The `<ref>` of an item in conflict paths: its `_id`, else its identity key.
 *
 * @example
 * ```ts
 * itemRef(ITEM_KINDS.emails, { email: 'Ann@X.org' }); // 'ann@x.org'
 * ```
 */
export function itemRef(kind: ItemKind, item: LooseItem): string {
  return item._id ?? kind.keyOf(item);
}

/**
 * Sets one list of `info` (which must be the caller's own copy) to `items`, dropping the
 * wrapper when the list is empty, as the normal form does.
 *
 * @example
 * ```ts
 * setItems(info, 'emails', []); // info.emails is now absent
 * ```
 */
export function setItems(info: ContactInfo, list: ItemListName, items: readonly LooseItem[]): void {
  const target = info as unknown as Record<ItemListName, { items: readonly LooseItem[] } | undefined>;
  if (items.length === 0) delete target[list];
  else target[list] = { items };
}
