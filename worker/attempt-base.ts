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
 * extended fields key by key, labels label by label, and the item lists (emails, phones,
 * addresses, locations) whole.
 */
import type { ContactInfo, ExtendedFieldValue } from '../src/model/contact.js';
import { deepEqual } from '../src/model/plain-object.js';

const SCALARS = ['company', 'jobTitle', 'birthdate', 'locale'] as const;
const ITEM_LISTS = ['emails', 'phones', 'addresses', 'locations'] as const;

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
    for (const key of ITEM_LISTS) {
      if (!deepEqual(comparable(s[key]), comparable(base[key])) && deepEqual(comparable(s[key]), comparable(remote[key]))) {
        setOrDelete(edit(), key, remote[key]);
      }
    }
    const labels = landedLabels(base.labelKeys?.items ?? [], s.labelKeys?.items ?? [], remote.labelKeys?.items ?? []);
    if (labels !== undefined) edit().labelKeys = { items: labels };
    const fields = landedFields(base.extendedFields?.items ?? {}, s.extendedFields?.items ?? {}, remote.extendedFields?.items ?? {});
    if (fields !== undefined) edit().extendedFields = { items: fields };
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

/** A list as compared with what the server made of it: item ids and `e164Phone` are the server's. */
export function comparable(list: { readonly items: readonly unknown[] } | undefined): unknown[] {
  return (list?.items ?? []).map((item) => {
    if (typeof item !== 'object' || item === null) return item;
    const { _id: _server, e164Phone: _derived, ...rest } = item as { _id?: unknown; e164Phone?: unknown };
    return rest;
  });
}
