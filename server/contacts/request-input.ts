/**
 * Shape checks of request bodies and query strings, before the domain validation: a body is
 * a JSON object with known keys only, scalars have the right type. Every failure is a 400
 * `INVALID_ARGUMENT` with `validationError.fieldViolations`, never a 500.
 */
import { validationError, type FieldViolation } from '../../src/model/contacts-error.js';
import { isPlainObject } from '../../src/model/plain-object.js';

/** A request body as a plain object. */
export type BodyObject = Record<string, unknown>;

/**
 * The body (or the object at `path` inside it) as an object with only `allowed` keys (an
 * absent one is `{}`).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` (not an object, or unknown fields)
 */
export function readBody(body: unknown, allowed: readonly string[], path = ''): BodyObject {
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) {
    throw validationError([{ field: path === '' ? 'body' : path, description: 'must be a JSON object', violatedRule: 'TYPE' }]);
  }
  const unknown: FieldViolation[] = Object.keys(body)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ field: path === '' ? k : `${path}.${k}`, description: 'unknown field', violatedRule: 'UNKNOWN_FIELD' }));
  if (unknown.length > 0) throw validationError(unknown);
  return body;
}

/**
 * A required non-negative integer revision (a JSON number, or a decimal string as proto3
 * JSON allows for int64).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
export function readRevision(value: unknown): number {
  if (value === undefined || value === null) {
    throw validationError([{ field: 'revision', description: 'is required', violatedRule: 'REQUIRED' }]);
  }
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw validationError([{ field: 'revision', description: 'must be a non-negative integer', violatedRule: 'TYPE' }]);
  }
  return n;
}

/**
 * An optional boolean flag such as `allowDuplicates` (`null` counts as absent).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
export function readFlag(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError([{ field, description: 'must be a boolean', violatedRule: 'TYPE' }]);
  return value;
}

/**
 * An optional string of at most `max` characters.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
export function readOptionalString(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError([{ field, description: 'must be a string', violatedRule: 'TYPE' }]);
  if (value.length > max) {
    throw validationError([{ field, description: `must be at most ${max} characters`, violatedRule: 'MAX_LENGTH', data: { max } }]);
  }
  return value;
}

/** A query-string value as a list (`?a=1&a=2` arrives as an array, `?a=1` as a string). */
export function queryList(value: unknown): unknown[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/**
 * A query-string number: digits become a number, anything else is passed on unchanged so
 * the domain parser (e.g. `parsePaging`) reports it with its own code.
 */
export function queryNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
}
