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
  /**
   * The local id the edit was made on, when the device showed two copies of the contact
   * (`twinCopy` in local-steps.ts). The user saw two contacts: edits on different copies
   * are concurrent, like two users' edits, however they were ordered in time.
   */
  readonly copy?: string;
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

function countOf(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
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

/** What one write named: paths as `scalarsOf` and `itemsAt` name them, and label keys. */
export interface EditScope {
  readonly paths: ReadonlySet<string>;
  readonly labels?: ReadonlySet<string>;
}

/** The scope of an update `patch`: the fields it sets. */
export function scopeOfPatch(patch: ContactInfo): EditScope {
  const paths = new Set<string>();
  if (patch.name?.first !== undefined) paths.add('name.first');
  if (patch.company !== undefined) paths.add('company');
  if (patch.jobTitle !== undefined) paths.add('jobTitle');
  for (const k of Object.keys(patch.extendedFields?.items ?? {})) paths.add(`ext:${k}`);
  if (patch.emails !== undefined) paths.add('emails');
  if (patch.phones !== undefined) paths.add('phones');
  if (patch.labelKeys !== undefined) paths.add('labels');
  return { paths };
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

  /**
   * A contact went from `before` to `after` (an update or a label change). With `scope`, only
   * what the write named counts: when engines sync by themselves (load runs), a pull between
   * the read and the write changes other fields, and those changes are not this write's.
   * `copy`: see `AcceptedEdit.copy`.
   */
  changed(
    actor: string, step: number, tag: string, before: ContactInfo | undefined, after: ContactInfo, scope?: EditScope, copy?: string,
  ): void {
    const on = copy === undefined ? {} : { copy };
    const inScope = (path: string): boolean => scope === undefined || scope.paths.has(path);
    const old = scalarsOf(before);
    const now = scalarsOf(after);
    for (const [path, value] of now) {
      // A value that was already there is no new edit; only what this write set is checked.
      if (old.get(path) !== value && inScope(path)) this.edits.push({ actor, step, tag, kind: 'set', path, value, ...on });
    }
    // A cleared field is an edit too (value ''): it supersedes earlier values, and is not
    // itself checked (a clear cannot be told apart from a value never set).
    for (const path of old.keys()) if (!now.has(path) && inScope(path)) this.edits.push({ actor, step, tag, kind: 'set', path, value: '', ...on });
    for (const path of ['emails', 'phones', 'labels'] as const) {
      if (!inScope(path)) continue;
      const named = path === 'labels' ? scope?.labels : undefined;
      // Counted, not a set: a second item with the same value (another email item with an
      // address already there) is an add too, which a concurrent removal does not undo.
      const was = countOf(itemsAt(before, path));
      const now = countOf(itemsAt(after, path));
      const wanted = (v: string): boolean => named === undefined || named.has(v);
      for (const [v, n] of now) if (n > (was.get(v) ?? 0) && wanted(v)) this.edits.push({ actor, step, tag, kind: 'add', path, value: v, ...on });
      for (const v of was.keys()) if (!now.has(v) && wanted(v)) this.edits.push({ actor, step, tag, kind: 'remove', path, value: v, ...on });
    }
  }

  /** A contact was deleted. */
  deleted(actor: string, step: number, contact: Contact): void {
    const tag = tagOf(contact.info);
    if (tag !== undefined) this.edits.push({ actor, step, tag, kind: 'delete', path: 'contact', value: contact._id });
  }
}
