/**
 * The edits that were accepted (the local API or the server answered success), broken down
 * into the facts the "no lost edit" check looks for at the end: a value set on a field, an
 * item added to or removed from a set, a contact created or deleted.
 */
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { tagOf } from './sim-values.js';

/** What an edit did to a contact (identified by its tag). */
export type EditKind = 'set' | 'add' | 'remove' | 'create' | 'delete';

/** One accepted fact. `path` is `name.first`, `company`, `jobTitle`, `ext:<key>`, `emails`, `phones`, `labels`, or `contact`. */
export interface AcceptedEdit {
  readonly actor: string;
  readonly step: number;
  readonly tag: string;
  readonly kind: EditKind;
  readonly path: string;
  readonly value: string;
}

/** How emails are compared: case-blind (phones are compared as typed, which the server keeps). */
export const emailKey = (e: string): string => e.trim().toLowerCase();

/** The set items of `info` at `path`, as keys. */
export function itemsAt(info: ContactInfo | undefined, path: 'emails' | 'phones' | 'labels'): string[] {
  switch (path) {
    case 'emails': return (info?.emails?.items ?? []).map((e) => emailKey(e.email));
    case 'phones': return (info?.phones?.items ?? []).map((p) => p.phone);
    case 'labels': return [...(info?.labelKeys?.items ?? [])];
  }
}

/** The scalar fields the check follows, read from an info. */
export function scalarsOf(info: ContactInfo | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (info?.name?.first !== undefined) out.set('name.first', info.name.first);
  if (info?.company !== undefined) out.set('company', info.company);
  if (info?.jobTitle !== undefined) out.set('jobTitle', info.jobTitle);
  for (const [k, v] of Object.entries(info?.extendedFields?.items ?? {})) {
    if (k.startsWith('custom.')) out.set(`ext:${k}`, String(v));
  }
  return out;
}

/** The log. */
export class EditLog {
  readonly edits: AcceptedEdit[] = [];

  /** A contact was created with `info`. */
  created(actor: string, step: number, info: ContactInfo): void {
    const tag = tagOf(info);
    if (tag === undefined) return;
    this.edits.push({ actor, step, tag, kind: 'create', path: 'contact', value: tag });
    this.changed(actor, step, tag, undefined, info);
  }

  /** A contact went from `before` to `after` (an update or a label change). */
  changed(actor: string, step: number, tag: string, before: ContactInfo | undefined, after: ContactInfo): void {
    const old = scalarsOf(before);
    const now = scalarsOf(after);
    for (const [path, value] of now) {
      // A value that was already there is no new edit; only what this write set is checked.
      if (old.get(path) !== value) this.edits.push({ actor, step, tag, kind: 'set', path, value });
    }
    // A cleared field is an edit too (value ''): it supersedes earlier values, and is not
    // itself checked (a clear cannot be told apart from a value never set).
    for (const path of old.keys()) if (!now.has(path)) this.edits.push({ actor, step, tag, kind: 'set', path, value: '' });
    for (const path of ['emails', 'phones', 'labels'] as const) {
      const was = new Set(itemsAt(before, path));
      const now = new Set(itemsAt(after, path));
      for (const v of now) if (!was.has(v)) this.edits.push({ actor, step, tag, kind: 'add', path, value: v });
      for (const v of was) if (!now.has(v)) this.edits.push({ actor, step, tag, kind: 'remove', path, value: v });
    }
  }

  /** A contact was deleted. */
  deleted(actor: string, step: number, contact: Contact): void {
    const tag = tagOf(contact.info);
    if (tag !== undefined) this.edits.push({ actor, step, tag, kind: 'delete', path: 'contact', value: contact._id });
  }
}
