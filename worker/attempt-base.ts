/**
 * The merge base for local edits when the server copy moved past our base while PATCHes of
 * ours on that base went unanswered (update-attempts.ts). If one of them landed and somebody
 * else wrote after it, the server copy holds our sent values plus their edit; merged against
 * the old base, our own values would read as their change and undo whatever the user did
 * since (an email removed after the PATCH that added it came back: soak seed 2155).
 *
 * So each part our PATCH changed and the server copy holds exactly as sent counts as already
 * in the base. That is right whether or not our PATCH is the one that wrote it: either way
 * the server shows the value this device sent, and the local view is this device's later
 * word on that part. Parts where the server differs from what we sent keep the old base
 * (somebody else changed them, or our PATCH never landed), and merge as before.
 *
 * The parts are the merge's own units: name parts, scalar fields and the picture one by one,
 * extended fields key by key, labels and locations member by member, and the items of the
 * emails, phones and addresses item by item, field by field, with the primary on its own.
 * Item lists once counted only whole, and the server's list is rarely what we sent when
 * somebody else wrote after our PATCH: another device's merge adds its own email next to
 * ours, another app makes ours primary. Our email then read as their addition, and a
 * removal made here since came back (soak seeds 201438, 104332, 201780, 201772, 201953).
 */
import type { ContactInfo, ExtendedFieldValue } from '../src/model/contact.js';
import { deepEqual } from '../src/model/plain-object.js';
import { ITEM_KINDS, itemsOf, setItems, type ItemKind, type LooseItem } from '../src/merge/item-kinds.js';

const SCALARS = ['company', 'jobTitle', 'birthdate', 'locale'] as const;
const ITEM_LISTS = ['emails', 'phones', 'addresses'] as const;

/**
 * `base` with every part that one of `sent` (PATCHes sent on `base`) changed and `remote`
 * holds as sent replaced by the remote value. Returns `base` itself when there is none.
 */
export function baseWithLandedAttempts(base: ContactInfo, sent: readonly ContactInfo[], remote: ContactInfo): ContactInfo {
  let out: ContactInfo | undefined;
  const edit = (): ContactInfo => (out ??= { ...base });
  for (const s of sent) {
    for (const part of ['first', 'last'] as const) {
      const value = s.name?.[part];
      if (value !== base.name?.[part] && value === remote.name?.[part]) {
        const o = edit();
        o.name = { ...o.name, [part]: value };
        if (value === undefined) delete o.name[part];
      }
    }
    for (const key of SCALARS) {
      if (s[key] !== base[key] && s[key] === remote[key]) setOrDelete(edit(), key, remote[key]);
    }
    if (s.picture?.image !== base.picture?.image && s.picture?.image === remote.picture?.image) setOrDelete(edit(), 'picture', remote.picture);
    const locations = landedLabels(base.locations?.items ?? [], s.locations?.items ?? [], remote.locations?.items ?? []);
    if (locations !== undefined) setOrDelete(edit(), 'locations', locations.length === 0 ? undefined : { items: locations });
    const labels = landedLabels(base.labelKeys?.items ?? [], s.labelKeys?.items ?? [], remote.labelKeys?.items ?? []);
    if (labels !== undefined) edit().labelKeys = { items: labels };
    const fields = landedFields(base.extendedFields?.items ?? {}, s.extendedFields?.items ?? {}, remote.extendedFields?.items ?? {});
    if (fields !== undefined) edit().extendedFields = { items: fields };
  }
  for (const list of ITEM_LISTS) {
    const kind = ITEM_KINDS[list];
    const items = landedItems(kind, itemsOf(base, list), sent.map((s) => itemsOf(s, list)), itemsOf(remote, list));
    if (items !== undefined) setItems(edit(), list, items);
  }
  return out ?? base;
}

function setOrDelete<K extends keyof ContactInfo>(info: ContactInfo, key: K, value: ContactInfo[K]): void {
  if (value === undefined) delete info[key];
  else info[key] = value;
}

/** The labels of `base`, with those `sent` added and the server has, and without those `sent` removed and the server lacks. */
function landedLabels(base: readonly string[], sent: readonly string[], remote: readonly string[]): string[] | undefined {
  const has = new Set(remote);
  const inBase = new Set(base);
  const inSent = new Set(sent);
  const added = sent.filter((l) => !inBase.has(l) && has.has(l));
  const removed = new Set(base.filter((l) => !inSent.has(l) && !has.has(l)));
  if (added.length === 0 && removed.size === 0) return undefined;
  return [...base.filter((l) => !removed.has(l)), ...added];
}

/** `base` with each key whose value `sent` changed and the server holds as sent, as the server has it. */
function landedFields(
  base: Readonly<Record<string, ExtendedFieldValue>>,
  sent: Readonly<Record<string, ExtendedFieldValue>>,
  remote: Readonly<Record<string, ExtendedFieldValue>>,
): Record<string, ExtendedFieldValue> | undefined {
  let out: Record<string, ExtendedFieldValue> | undefined;
  for (const key of new Set([...Object.keys(base), ...Object.keys(sent)])) {
    const value = sent[key];
    if (value === base[key] || value !== remote[key]) continue;
    out ??= { ...base };
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/**
 * One item list of the base with what `sent` (attempts on `base`) changed and `remote` holds
 * counted in; undefined when nothing did. A list held whole as sent is the server's list.
 * Else item by item: an item an attempt added is in, as sent under the server's `_id`,
 * when the server has an item of that identity that is not one of the base's (its other
 * fields then merge against what we sent, which is this device's word on them); an item an
 * attempt removed is out when the server lacks it too; a field an attempt changed is as
 * sent when the server's item holds it; the primary is the one an attempt chose when the
 * server has it as primary, else the base's.
 */
function landedItems(
  kind: ItemKind, base: readonly LooseItem[], sent: readonly (readonly LooseItem[])[], remote: readonly LooseItem[],
): LooseItem[] | undefined {
  // Held whole: the server's list as is, order included, so that the merge sees that side
  // unchanged and takes the local list whole, as it did before items counted one by one.
  const whole = comparable({ items: remote });
  if (sent.some((s) => !deepEqual(comparable({ items: s }), comparable({ items: base })) && deepEqual(comparable({ items: s }), whole))) {
    return [...remote];
  }
  const inBase = (item: LooseItem): boolean => base.some((b) => sameItem(kind, b, item));
  const remoteAdded = remote.filter((r) => !inBase(r));
  let out = base.map((b) => ({ ...b }));
  const basePrimary = primaryOf(base);
  let primary = basePrimary;
  let changed = false;
  for (const s of sent) {
    for (const item of s) {
      const b = base.find((x) => sameItem(kind, x, item));
      if (b === undefined) {
        const r = remoteAdded.find((x) => sameItem(kind, x, item));
        if (r === undefined) continue;
        const { primary: _flag, ...fields } = item;
        const added: LooseItem = { ...fields, ...(r._id === undefined ? {} : { _id: r._id }) };
        const at = out.findIndex((o) => sameItem(kind, o, added));
        if (at < 0) out.push(added);
        else out[at] = added;
        changed = true;
        continue;
      }
      const r = remote.find((x) => sameItem(kind, x, b));
      const o = out.find((x) => sameItem(kind, x, b));
      if (r === undefined || o === undefined) continue;
      for (const field of kind.fields) {
        if (deepEqual(item[field], b[field]) || !deepEqual(item[field], r[field]) || deepEqual(o[field], r[field])) continue;
        if (r[field] === undefined) delete o[field];
        else o[field] = r[field];
        changed = true;
      }
    }
    const removed = base.filter((b) => !s.some((item) => sameItem(kind, item, b)) && !remote.some((r) => sameItem(kind, r, b)));
    if (removed.length > 0) {
      out = out.filter((o) => !removed.some((b) => sameItem(kind, o, b)));
      changed = true;
    }
    const sentPrimary = primaryOf(s);
    const remotePrimary = primaryOf(remote);
    const moved = sentPrimary !== undefined && (basePrimary === undefined || !sameItem(kind, sentPrimary, basePrimary));
    if (kind.hasPrimary && moved && remotePrimary !== undefined && sameItem(kind, sentPrimary, remotePrimary)) {
      primary = remotePrimary;
      changed = true;
    }
  }
  if (!changed) return undefined;
  // No flag when the chosen item is not in the base any more: the merge takes the first item.
  if (kind.hasPrimary) {
    const chosen = primary === undefined ? undefined : out.find((o) => sameItem(kind, o, primary));
    for (const o of out) o.primary = o === chosen;
  }
  return out;
}

/** The same item: the same `_id` where both have one (two ids are two items), else the same identity. */
function sameItem(kind: ItemKind, a: LooseItem, b: LooseItem): boolean {
  if (a._id !== undefined && b._id !== undefined) return a._id === b._id;
  return kind.keyOf(a) === kind.keyOf(b);
}

/** The primary item of a list as the merge sees it: the flagged one, else the first. */
function primaryOf(items: readonly LooseItem[]): LooseItem | undefined {
  return items.find((i) => i.primary === true) ?? items[0];
}

/** A list as compared with what the server made of it: item ids and `e164Phone` are the server's. */
export function comparable(list: { readonly items: readonly unknown[] } | undefined): unknown[] {
  return (list?.items ?? []).map((item) => {
    if (typeof item !== 'object' || item === null) return item;
    const { _id: _server, e164Phone: _derived, ...rest } = item as { _id?: unknown; e164Phone?: unknown };
    return rest;
  });
}
