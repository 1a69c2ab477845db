/**
 * The editor's working copy of a contact and what saving sends. Inputs edit `draft.info` in
 * place; saving drops blank rows and empty strings (`cleanInfo`), then sends the whole info
 * for a new contact or, for an existing one, only what changed (`infoPatch`, the implicit
 * field mask of a Wix PATCH: `""` clears a field, lists are replaced whole, extended fields
 * go per key). The model's field violations name paths of the cleaned info; `draftPath`
 * maps them back to the rows on screen.
 */
import type { ContactInfo } from '../../src/index.js';

/** The list fields whose blank rows are dropped before saving. */
export const ROW_LISTS = ['emails', 'phones', 'addresses'] as const;
/** One of the row lists. */
export type RowList = (typeof ROW_LISTS)[number];

const SCALARS = ['company', 'jobTitle', 'birthdate', 'locale'] as const;
const WHOLE_LISTS = ['emails', 'phones', 'addresses', 'labelKeys', 'locations'] as const;

/** The editor's state for one contact (or a new one). */
export interface EditorDraft {
  /** Undefined for a contact not created yet. */
  readonly contactId: string | undefined;
  /** The info the editor started from (cleaned), what `infoPatch` compares against. */
  original: ContactInfo;
  /** The local revision the editor started from: a newer one means someone else changed it. */
  revision: number;
  /** The edited copy; inputs write into it. */
  info: ContactInfo;
  /** The label being typed. */
  newLabel: string;
  /** The custom field being added: key (without `custom.`) and value. */
  newFieldKey: string;
  newFieldValue: string;
  /** Messages per field path (as on screen), from the model's validation. */
  fieldErrors: ReadonlyMap<string, string>;
  /** A message for the whole form (code and text), e.g. storage full. */
  formError: { readonly code: string; readonly text: string } | undefined;
  /** Set while a `DUPLICATE_CONTACT_EXISTS` error offers "save anyway". */
  duplicate: boolean;
  saving: boolean;
  /** True once the user changed anything. */
  dirty: boolean;
}

/** Where each kept row of a cleaned list came from (cleaned index -> draft index). */
export type RowMap = Readonly<Record<RowList, readonly number[]>>;

/**
 * A fresh draft: of `info` (an existing contact at `revision`) or empty (a new contact).
 *
 * @example
 * ```ts
 * const draft = draftOf(contact._id, contact.info, contact.revision);
 * ```
 */
export function draftOf(contactId: string | undefined, info: ContactInfo | undefined, revision = 0): EditorDraft {
  const start = info === undefined ? {} : cleanInfo(structuredClone(info)).info;
  return {
    contactId, original: start, revision, info: structuredClone(start),
    newLabel: '', newFieldKey: '', newFieldValue: '',
    fieldErrors: new Map(), formError: undefined, duplicate: false, saving: false, dirty: false,
  };
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Removes empty strings (and objects left empty) from a plain value, in place. */
function pruneEmpty(value: Record<string, unknown>): boolean {
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === '' || v === undefined) delete value[key];
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && pruneEmpty(v as Record<string, unknown>)) delete value[key];
  }
  return Object.keys(value).length === 0;
}

function rowIsBlank(list: RowList, row: unknown): boolean {
  const r = row as { email?: string; phone?: string; address?: Record<string, unknown> };
  if (list === 'emails') return blank(r.email);
  if (list === 'phones') return blank(r.phone);
  return r.address === undefined || pruneEmpty(structuredClone(r.address));
}

/**
 * A copy of `info` without blank rows, empty strings and empty wrappers, plus where each kept
 * row was in the draft.
 *
 * @example
 * ```ts
 * cleanInfo({ emails: { items: [{ email: '' }, { email: 'a@b.co' }] } }).rows.emails; // [1]
 * ```
 */
export function cleanInfo(info: ContactInfo): { info: ContactInfo; rows: RowMap } {
  const out = structuredClone(info);
  const rows: Record<RowList, number[]> = { emails: [], phones: [], addresses: [] };
  for (const list of ROW_LISTS) {
    const items: unknown[] = out[list]?.items ?? [];
    const kept: unknown[] = [];
    items.forEach((row, i) => {
      if (rowIsBlank(list, row)) return;
      kept.push(row);
      rows[list].push(i);
    });
    if (kept.length === 0) delete out[list];
    else Object.assign(out, { [list]: { items: kept } });
  }
  for (const list of ['labelKeys', 'locations'] as const) {
    const items = out[list]?.items.filter((s) => !blank(s));
    if (items === undefined || items.length === 0) delete out[list];
    else out[list] = { items };
  }
  const ext = out.extendedFields?.items;
  if (ext !== undefined) {
    for (const k of Object.keys(ext)) if (ext[k] === '') delete ext[k];
    if (Object.keys(ext).length === 0) delete out.extendedFields;
  }
  for (const key of ['name', 'picture'] as const) {
    const v = out[key];
    if (v !== undefined && pruneEmpty(v as Record<string, unknown>)) delete out[key];
  }
  for (const key of SCALARS) if (out[key] === '') delete out[key];
  for (const list of ROW_LISTS) {
    for (const row of out[list]?.items ?? []) pruneEmpty(row as unknown as Record<string, unknown>);
  }
  return { info: out, rows };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What an update must send to turn `before` into `after` (both cleaned): the changed fields
 * only, `""` for cleared ones. Empty when nothing changed.
 *
 * @example
 * ```ts
 * infoPatch({ company: 'A', jobTitle: 'CEO' }, { company: 'B' }); // { company: 'B', jobTitle: '' }
 * ```
 */
export function infoPatch(before: ContactInfo, after: ContactInfo): ContactInfo {
  const patch: ContactInfo = {};
  if (!same(before.name, after.name)) patch.name = { first: after.name?.first ?? '', last: after.name?.last ?? '' };
  for (const key of SCALARS) if (before[key] !== after[key]) patch[key] = after[key] ?? '';
  for (const key of WHOLE_LISTS) {
    if (!same(before[key]?.items ?? [], after[key]?.items ?? [])) Object.assign(patch, { [key]: { items: after[key]?.items ?? [] } });
  }
  if (before.picture?.image !== after.picture?.image) patch.picture = { image: after.picture?.image ?? '' };
  const b = before.extendedFields?.items ?? {};
  const a = after.extendedFields?.items ?? {};
  const changed: Record<string, string | number> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!key.startsWith('custom.') || b[key] === a[key]) continue;
    changed[key] = a[key] ?? '';
  }
  if (Object.keys(changed).length > 0) patch.extendedFields = { items: changed };
  return patch;
}

/**
 * The on-screen path of a violation path of the cleaned info:
 * `info.emails.items[0].email` -> `info.emails.items[2].email` when the first kept email was
 * the draft's third row.
 *
 * @example
 * ```ts
 * draftPath('info.phones.items[0].phone', { emails: [], phones: [1], addresses: [] }); // 'info.phones.items[1].phone'
 * ```
 */
export function draftPath(path: string, rows: RowMap): string {
  return path.replace(/^info\.(emails|phones|addresses)\.items\[(\d+)\]/, (whole, list: RowList, index: string) => {
    const original = rows[list][Number(index)];
    return original === undefined ? whole : `info.${list}.items[${original}]`;
  });
}
