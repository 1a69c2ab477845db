/**
 * The machinery shared by input validation and server-response checking: a context that
 * collects violations, and checkers for objects, strings, numbers, booleans and lists.
 *
 * Two modes: `input` (what callers send: unknown keys, lengths and formats are violations)
 * and `response` (what a server answered: unknown keys are dropped for forward
 * compatibility, `null` means absent, and only types are checked, so a contact that a real
 * server holds is never refused for a limit it does not enforce).
 */
import type { FieldViolation } from './contacts-error.js';
import { isPlainObject, setOwn, type PlainObject } from './plain-object.js';

/** Which side of the wire a value comes from. */
export type CheckMode = 'input' | 'response';

/** Violations kept per check: enough to fix a request, bounded so an error stays small. */
export const MAX_VIOLATIONS = 100;

/** An extended field refused with `INVALID_EXTENDED_FIELD_VALUE` rather than a field violation. */
export interface ExtendedFieldProblem {
  key: string;
  field: string;
  description: string;
}

/** Collects what is wrong with one value while it is checked. */
export class CheckContext {
  readonly violations: FieldViolation[] = [];
  readonly extendedFieldProblems: ExtendedFieldProblem[] = [];
  /** Paths of email/phone lists with more than one `primary: true`. */
  readonly multiplePrimary: string[] = [];

  constructor(readonly mode: CheckMode) {}

  /** True when lengths, formats and unknown keys are checked (input mode). */
  get strict(): boolean {
    return this.mode === 'input';
  }

  /** Records a violation (only the first `MAX_VIOLATIONS` are kept). */
  violate(field: string, description: string, violatedRule: string, data?: Record<string, unknown>): void {
    if (this.violations.length >= MAX_VIOLATIONS) return;
    this.violations.push({ field, description, violatedRule, ...(data === undefined ? {} : { data }) });
  }

  /** Records a refused extended field; in response mode it is an ordinary violation. */
  extendedFieldProblem(key: string, field: string, description: string): void {
    if (this.strict) this.extendedFieldProblems.push({ key, field, description });
    else this.violate(field, description, 'EXTENDED_FIELD');
  }

  /** True when nothing was found wrong. */
  get ok(): boolean {
    return this.violations.length === 0 && this.extendedFieldProblems.length === 0 && this.multiplePrimary.length === 0;
  }
}

/**
 * Checks that `value` is a plain object and returns a copy of its known, defined keys.
 * Unknown keys are violations in input mode (without looking inside them, so deep garbage
 * costs nothing) and are dropped in response mode, as are `null`s.
 */
export function readObject(value: unknown, field: string, known: ReadonlySet<string>, ctx: CheckContext): PlainObject | undefined {
  if (!isPlainObject(value)) {
    ctx.violate(field, 'must be an object', 'TYPE', { expected: 'object' });
    return undefined;
  }
  const out: PlainObject = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (!known.has(key)) {
      if (ctx.strict) ctx.violate(`${field}.${key}`, 'unknown field', 'UNKNOWN_FIELD');
    } else if (v !== undefined && !(v === null && !ctx.strict)) {
      setOwn<unknown>(out, key, v);
    }
  }
  return out;
}

/**
 * Checks one value found at `path`, recording problems in `ctx`; returns its clean copy, or
 * undefined when it is wrong. A checker that ignores `ctx` (a closure over it) fits too.
 */
export type Check<T> = (value: unknown, path: string, ctx: CheckContext) => T | undefined;

/** Options of a string check (input mode only; response mode checks the type alone). */
export interface StringRules {
  min?: number;
  max?: number;
  /** A format predicate, skipped for `""` (which means "clear"). */
  format?: (s: string) => boolean;
  /** The format's name in the violation's `data.type`, e.g. `EMAIL`. */
  formatName?: string;
}

/** Checks a string's type, length and format; returns it, or undefined when it is wrong. */
export function checkString(value: unknown, field: string, ctx: CheckContext, rules: StringRules = {}): string | undefined {
  if (typeof value !== 'string') {
    ctx.violate(field, 'must be a string', 'TYPE', { expected: 'string' });
    return undefined;
  }
  if (!ctx.strict) return value;
  if (rules.min !== undefined && value.length < rules.min) {
    ctx.violate(field, `must be at least ${rules.min} characters`, 'MIN_LENGTH', { min: rules.min });
  } else if (rules.max !== undefined && value.length > rules.max) {
    ctx.violate(field, `must be at most ${rules.max} characters`, 'MAX_LENGTH', { max: rules.max });
  } else if (rules.format && value !== '' && !rules.format(value)) {
    ctx.violate(field, `is not a valid ${rules.formatName ?? 'value'}`, 'FORMAT', { type: rules.formatName ?? 'FORMAT' });
  } else {
    return value;
  }
  return undefined;
}

/** Checks a boolean. */
export function checkBoolean(value: unknown, field: string, ctx: CheckContext): boolean | undefined {
  if (typeof value === 'boolean') return value;
  ctx.violate(field, 'must be a boolean', 'TYPE', { expected: 'boolean' });
  return undefined;
}

/** Checks a finite number, within `[min, max]` in input mode. */
export function checkNumber(value: unknown, field: string, ctx: CheckContext, min = -Infinity, max = Infinity): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    ctx.violate(field, 'must be a finite number', 'TYPE', { expected: 'number' });
    return undefined;
  }
  if (ctx.strict && (value < min || value > max)) {
    ctx.violate(field, `must be between ${min} and ${max}`, 'RANGE', { min, max });
    return undefined;
  }
  return value;
}

/** Checks one of a fixed set of strings. */
export function checkEnum<T extends string>(value: unknown, field: string, allowed: readonly T[], ctx: CheckContext): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  ctx.violate(field, `must be one of ${allowed.join(', ')}`, 'ENUM', { allowed: [...allowed] });
  return undefined;
}

/**
 * Checks an array of at most `max` items (in input mode) and each item with `item`.
 * An over-long list is refused without looking at its items.
 */
export function checkArray<T>(
  value: unknown, field: string, max: number, ctx: CheckContext, item: Check<T>,
): T[] | undefined {
  if (!Array.isArray(value)) {
    ctx.violate(field, 'must be an array', 'TYPE', { expected: 'array' });
    return undefined;
  }
  if (ctx.strict && value.length > max) {
    ctx.violate(field, `must have at most ${max} items`, 'MAX_SIZE', { max });
    return undefined;
  }
  const out: T[] = [];
  // A plain loop, not forEach: this runs for every list item of every validated contact.
  for (let i = 0; i < value.length; i++) {
    const checked = item(value[i], `${field}[${i}]`, ctx);
    if (checked !== undefined) out.push(checked);
  }
  return out;
}

const ITEMS_ONLY: ReadonlySet<string> = /* @__PURE__ */ new Set(['items']);

/** Checks a `{ items: [...] }` wrapper; a wrapper without `items` is an empty list. */
export function checkWrapper<T>(
  value: unknown, field: string, max: number, ctx: CheckContext, item: Check<T>,
): T[] | undefined {
  const wrapper = readObject(value, field, ITEMS_ONLY, ctx);
  if (!wrapper) return undefined;
  return wrapper['items'] === undefined ? [] : checkArray(wrapper['items'], `${field}.items`, max, ctx, item);
}

/** Runs `check` on `obj[key]` when the key is present (with the path `path.key`). */
export function field<T>(obj: PlainObject, key: string, path: string, check: (v: unknown, p: string) => T | undefined): T | undefined {
  return obj[key] === undefined ? undefined : check(obj[key], `${path}.${key}`);
}

/**
 * `field` for a `Check` that takes the context: hot checkers are module-level functions, so
 * no closure is allocated per field of every validated contact.
 */
export function fieldWith<T>(obj: PlainObject, key: string, path: string, ctx: CheckContext, check: Check<T>): T | undefined {
  const value = obj[key];
  return value === undefined ? undefined : check(value, `${path}.${key}`, ctx);
}

/** `field` with `checkString` and fixed `rules` (share one rules object per field kind). */
export function stringField(obj: PlainObject, key: string, path: string, ctx: CheckContext, rules: StringRules): string | undefined {
  const value = obj[key];
  return value === undefined ? undefined : checkString(value, `${path}.${key}`, ctx, rules);
}

/** Like `field`, but an absent key is a `REQUIRED` violation. */
export function required<T>(obj: PlainObject, key: string, path: string, ctx: CheckContext, check: Check<T>): T | undefined {
  if (obj[key] === undefined) {
    ctx.violate(`${path}.${key}`, 'is required', 'REQUIRED');
    return undefined;
  }
  return check(obj[key], `${path}.${key}`, ctx);
}
