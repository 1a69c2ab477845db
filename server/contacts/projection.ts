/**
 * Field projection of get/list/query (WIX-CONTACTS.md 9.1): `fields` and `fieldsets`, whose
 * union is returned; `id` and `revision` always are; neither given means FULL.
 */
import { validationError, type FieldViolation } from '../../src/model/contacts-error.js';
import type { Json, WireContact } from '../../src/model/wire.js';

/** The projectable paths (REST names). */
const FIELDS = [
  'source', 'createdDate', 'updatedDate', 'lastActivity', 'primaryInfo', 'info.name', 'info.emails', 'info.phones',
  'info.addresses', 'info.company', 'info.jobTitle', 'info.picture', 'info.birthdate', 'info.locale',
  'info.labelKeys', 'info.locations', 'info.extendedFields',
] as const;

/** SDK spellings, and the always-returned fields, accepted in `fields`. */
const ALIASES: Readonly<Record<string, string | null>> = {
  _createdDate: 'createdDate', _updatedDate: 'updatedDate', id: null, _id: null, revision: null,
};

const BASIC = ['primaryInfo', 'info.name'];
const FIELDSETS: Readonly<Record<string, readonly string[] | 'FULL'>> = {
  BASIC,
  COMMUNICATION_DETAILS: [...BASIC, 'info.emails', 'info.phones', 'info.addresses'],
  EXTENDED: [...BASIC, 'info.extendedFields'],
  FULL: 'FULL',
};

/** The paths to keep, or `FULL`. */
export type Projection = ReadonlySet<string> | 'FULL';

const MAX_FIELDS = 100;
const MAX_FIELDSETS = 10;

function listOf(value: unknown, field: string, max: number, violations: FieldViolation[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > max || !value.every((v) => typeof v === 'string')) {
    violations.push({ field, description: `must be a list of at most ${max} strings`, violatedRule: 'TYPE' });
    return [];
  }
  return value;
}

/**
 * Parses `fields` and `fieldsets` (already lists; `path` prefixes error fields).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` for unknown fields or fieldsets
 */
export function parseProjection(fields: unknown, fieldsets: unknown, path = ''): Projection {
  const violations: FieldViolation[] = [];
  const names = listOf(fields, `${path}fields`, MAX_FIELDS, violations);
  const sets = listOf(fieldsets, `${path}fieldsets`, MAX_FIELDSETS, violations);
  const keep = new Set<string>();
  let full = names.length === 0 && sets.length === 0;
  for (const name of names) {
    const alias = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
    if ((FIELDS as readonly string[]).includes(name)) keep.add(name);
    else if (typeof alias === 'string') keep.add(alias);
    else if (alias !== null) violations.push({ field: `${path}fields`, description: `unknown field ${name}`, violatedRule: 'VALID' });
  }
  for (const set of sets) {
    const paths = Object.hasOwn(FIELDSETS, set) ? FIELDSETS[set] : undefined;
    if (paths === 'FULL') full = true;
    else if (paths !== undefined) paths.forEach((p) => keep.add(p));
    else violations.push({ field: `${path}fieldsets`, description: `unknown fieldset ${set}`, violatedRule: 'VALID' });
  }
  if (violations.length > 0) throw validationError(violations);
  return full ? 'FULL' : keep;
}

/** `contact` cut down to `projection` (a new object; the input is untouched). */
export function project(contact: WireContact, projection: Projection): WireContact {
  if (projection === 'FULL') return contact;
  const info: Record<string, Json> = {};
  const out: WireContact = { id: contact.id, revision: contact.revision, info };
  for (const path of projection) {
    if (path.startsWith('info.')) {
      const key = path.slice('info.'.length);
      const value = contact.info[key];
      if (value !== undefined) info[key] = value;
    } else {
      const value = contact[path];
      if (value !== undefined) out[path] = value;
    }
  }
  const { info: kept, ...rest } = out;
  return { ...rest, info: kept };
}
