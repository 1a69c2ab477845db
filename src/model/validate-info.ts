/**
 * Validation of `ContactInfo` input against every limit and format of the Wix model. The
 * local store and the server both call this, so both fail with the same status and code.
 */
import { CheckContext, checkArray, checkString } from './check-context.js';
import { checkInfo } from './check-info.js';
import type { ContactInfo } from './contact.js';
import { appError, validationError } from './contacts-error.js';
import { isLabelKey } from './formats.js';
import { LIMITS } from './limits.js';

/** Whether the info is a whole new contact or a PATCH (implicit field mask). */
export type ValidationMode = 'create' | 'update';

/**
 * Checks `input` (anything: it may come straight from JSON) and returns a clean copy typed as
 * `ContactInfo`, with read-only fields (`e164Phone`, derived extended fields, system
 * extended fields) dropped. The copy is a fresh object holding only known keys; `input` is
 * never modified. In update mode, entries that change nothing (an empty `name` or
 * `extendedFields.items`) are left out.
 *
 * @example
 * ```ts
 * validateInfo({ name: { first: 'Ann' }, emails: { items: [{ email: 'ann@example.com' }] } }, 'create');
 * validateInfo({ company: '' }, 'update'); // clears the company
 * ```
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` (validationError.fieldViolations: unknown
 * fields, wrong types, lengths, formats, list sizes), 400 `CANNOT_HAVE_MULTIPLE_PRIMARY_INFO`,
 * 400 `INVALID_EXTENDED_FIELD_VALUE`, 400 `INSUFFICIENT_CONTACT_DATA` (create without name,
 * email or phone), 400 `INSUFFICIENT_UPDATE_CONTACT_DATA` (update with nothing to update).
 */
export function validateInfo(input: unknown, mode: ValidationMode): ContactInfo {
  if (input === undefined) throw insufficient(mode);
  const ctx = new CheckContext('input');
  const info = checkInfo(input, 'info', ctx);
  throwProblems(ctx);
  if (!info) throw validationError([{ field: 'info', description: 'must be an object', violatedRule: 'TYPE' }]);
  if (mode === 'create') {
    assertSufficientInfo(info);
    return info;
  }
  const patch = withoutNoOps(info);
  if (Object.keys(patch).length === 0) throw insufficient(mode);
  return patch;
}

/**
 * Checks that a contact's resulting info still identifies someone (a name, an email or a
 * phone), as Wix requires after every write. Whitespace-only values do not count.
 *
 * @throws ContactsError 400 `INSUFFICIENT_CONTACT_DATA`
 */
export function assertSufficientInfo(info: ContactInfo): void {
  if (!identifiesSomeone(info)) throw insufficient('create');
}

// Plain loops and a module-level helper: this runs on every create, import item and update.
function identifiesSomeone(info: ContactInfo): boolean {
  if (filled(info.name?.first) || filled(info.name?.last)) return true;
  for (const e of info.emails?.items ?? []) if (filled(e.email)) return true;
  for (const p of info.phones?.items ?? []) if (filled(p.phone)) return true;
  return false;
}

function filled(s: string | undefined): boolean {
  return s !== undefined && s.trim() !== '';
}

/**
 * Checks a list of label keys given to label/unlabel (1..100 keys, each `namespace.slug`)
 * and returns a copy.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
export function validateLabelKeys(input: unknown, field: string): string[] {
  const ctx = new CheckContext('input');
  const keys = checkArray(input, field, LIMITS.labelKeysPerCall, ctx, (v, p) =>
    checkString(v, p, ctx, { min: 1, max: LIMITS.labelKeyLength, format: isLabelKey, formatName: 'LABEL_KEY' }));
  if (keys !== undefined && keys.length === 0 && ctx.ok) {
    ctx.violate(field, 'must have at least 1 item', 'MIN_SIZE', { min: 1 });
  }
  throwProblems(ctx);
  return keys ?? [];
}

/** Throws the error a context's findings amount to: violations first, then the app codes. */
function throwProblems(ctx: CheckContext): void {
  if (ctx.violations.length > 0) throw validationError(ctx.violations);
  const bad = ctx.extendedFieldProblems[0];
  if (bad) {
    throw appError('INVALID_EXTENDED_FIELD_VALUE', `${bad.field}: ${bad.description}`, {
      key: bad.key, keys: ctx.extendedFieldProblems.map((p) => p.key),
    });
  }
  const list = ctx.multiplePrimary[0];
  if (list) throw appError('CANNOT_HAVE_MULTIPLE_PRIMARY_INFO', `${list}: more than one item is primary`, { field: list });
}

function insufficient(mode: ValidationMode) {
  return mode === 'create'
    ? appError('INSUFFICIENT_CONTACT_DATA', 'a contact needs a name, an email or a phone')
    : appError('INSUFFICIENT_UPDATE_CONTACT_DATA', 'the update has nothing to update');
}

function withoutNoOps(info: ContactInfo): ContactInfo {
  const { name, extendedFields, ...rest } = info;
  const keepName = name !== undefined && (name.first !== undefined || name.last !== undefined);
  const keepExtended = extendedFields !== undefined && Object.keys(extendedFields.items).length > 0;
  return {
    ...(keepName ? { name } : {}),
    ...rest,
    ...(keepExtended ? { extendedFields } : {}),
  };
}
