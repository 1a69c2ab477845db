/**
 * The grammar of conflict paths. The sync engine stores a conflict and later applies the
 * user's choice by its path, so every path the merge writes must parse back to one place in
 * an info; both directions live here so they cannot drift apart.
 *
 * ```
 * info.company | info.jobTitle | info.birthdate | info.locale | info.picture
 * info.name.first | info.name.last
 * info.extendedFields.items[<key>]            one extended field
 * info.<list>.items[<ref>].<field>            a field of one email/phone/address
 * info.<list>.items[<ref>]                    a whole item (deleted on one side)
 * info.emails.primary | info.phones.primary   which item is primary (values are refs)
 * info.<list>.items | info.labelKeys.items | info.locations.items | info.extendedFields.items
 *                                              a whole list (a limit would have been broken)
 * ```
 * `<ref>` is the item's `_id`, else its identity key (model/identity.ts).
 */

/**
 * The top-level fields merged as single values (strings, and the picture object).
 *
 * @example
 * ```ts
 * for (const field of SCALAR_FIELDS) console.log(`info.${field}`);
 * ```
 */
export const SCALAR_FIELDS = ['company', 'jobTitle', 'birthdate', 'locale', 'picture'] as const;
/**
 * A top-level string field (or the picture).
 *
 * @example
 * ```ts
 * const field: ScalarField = 'company';
 * ```
 */
export type ScalarField = (typeof SCALAR_FIELDS)[number];
/**
 * The two parts of a name.
 *
 * @example
 * ```ts
 * const part: NamePart = 'first';
 * ```
 */
export type NamePart = 'first' | 'last';
/**
 * The lists whose items have identities and per-item fields.
 *
 * @example
 * ```ts
 * const list: ItemListName = 'emails';
 * ```
 */
export type ItemListName = 'emails' | 'phones' | 'addresses';
/**
 * The lists that are plain sets of strings.
 *
 * @example
 * ```ts
 * const list: SetListName = 'labelKeys';
 * ```
 */
export type SetListName = 'labelKeys' | 'locations';

/**
 * Where in an info a conflict path points.
 *
 * @example
 * ```ts
 * const t: ConflictTarget = { kind: 'item', list: 'emails', ref: 'e1' }; // info.emails.items[e1]
 * ```
 */
export type ConflictTarget =
  | { kind: 'scalar'; field: ScalarField }
  | { kind: 'name'; part: NamePart }
  | { kind: 'extendedField'; key: string }
  | { kind: 'itemField'; list: ItemListName; ref: string; field: string }
  | { kind: 'item'; list: ItemListName; ref: string }
  | { kind: 'primary'; list: 'emails' | 'phones' }
  | { kind: 'itemList'; list: ItemListName }
  | { kind: 'setList'; list: SetListName }
  | { kind: 'extendedFields' };

/**
 * The path of a conflict on `target`.
 *
 * @example
 * ```ts
 * formatConflictPath({ kind: 'itemField', list: 'emails', ref: 'e1', field: 'tag' });
 * // 'info.emails.items[e1].tag'
 * ```
 */
export function formatConflictPath(target: ConflictTarget): string {
  switch (target.kind) {
    case 'scalar': return `info.${target.field}`;
    case 'name': return `info.name.${target.part}`;
    case 'extendedField': return `info.extendedFields.items[${target.key}]`;
    case 'itemField': return `info.${target.list}.items[${target.ref}].${target.field}`;
    case 'item': return `info.${target.list}.items[${target.ref}]`;
    case 'primary': return `info.${target.list}.primary`;
    case 'itemList': case 'setList': return `info.${target.list}.items`;
    case 'extendedFields': return 'info.extendedFields.items';
  }
}

const SCALAR_RE = /^info\.(company|jobTitle|birthdate|locale|picture)$/;
const NAME_RE = /^info\.name\.(first|last)$/;
const EXT_FIELD_RE = /^info\.extendedFields\.items\[(.+)\]$/s;
// Greedy refs: a field path must end in `].<field>`, a whole-item path in `]`, so a ref that
// itself contains `]` (an odd email or address text) still parses back to itself.
const ITEM_FIELD_RE = /^info\.(emails|phones|addresses)\.items\[(.+)\]\.([A-Za-z0-9]+)$/s;
const ITEM_RE = /^info\.(emails|phones|addresses)\.items\[(.+)\]$/s;
const PRIMARY_RE = /^info\.(emails|phones)\.primary$/;
const ITEM_LIST_RE = /^info\.(emails|phones|addresses)\.items$/;
const SET_LIST_RE = /^info\.(labelKeys|locations)\.items$/;

/**
 * Parses a conflict path back into its target, or returns undefined for a path that is not
 * in the grammar.
 *
 * @example
 * ```ts
 * parseConflictPath('info.name.first'); // { kind: 'name', part: 'first' }
 * ```
 */
export function parseConflictPath(path: string): ConflictTarget | undefined {
  let m: RegExpExecArray | null;
  if ((m = SCALAR_RE.exec(path))) return { kind: 'scalar', field: m[1] as ScalarField };
  if ((m = NAME_RE.exec(path))) return { kind: 'name', part: m[1] as NamePart };
  if (path === 'info.extendedFields.items') return { kind: 'extendedFields' };
  if ((m = EXT_FIELD_RE.exec(path))) return { kind: 'extendedField', key: m[1] ?? '' };
  if ((m = ITEM_FIELD_RE.exec(path))) {
    return { kind: 'itemField', list: m[1] as ItemListName, ref: m[2] ?? '', field: m[3] ?? '' };
  }
  if ((m = ITEM_RE.exec(path))) return { kind: 'item', list: m[1] as ItemListName, ref: m[2] ?? '' };
  if ((m = PRIMARY_RE.exec(path))) return { kind: 'primary', list: m[1] as 'emails' | 'phones' };
  if ((m = ITEM_LIST_RE.exec(path))) return { kind: 'itemList', list: m[1] as ItemListName };
  if ((m = SET_LIST_RE.exec(path))) return { kind: 'setList', list: m[1] as SetListName };
  return undefined;
}
