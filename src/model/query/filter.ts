/** Wix WQL filters parsed into a small typed tree, with the Wix query error codes. */
import { ContactsError, appError } from '../contacts-error.js';
import { filterError, parseOperand } from './filter-operand.js';
import { definedEntries, isPlainObject, type PlainObject } from './plain-object.js';
import { resolveQueryField, type QueryFieldSpec, type QueryOperator } from './query-fields.js';

/**
 * A parsed filter. `and`/`or` nodes have at least two children and never a direct child of
 * their own kind. A `cmp` value is a boolean for `exists`, a non-empty array for
 * `in`/`nin`/`hasSome`/`hasAll`, else a string, a finite number (extended fields) or a `Date`
 * (date fields). `{ f: null }` and `{ f: { $ne: null } }` (what the SDK's `eq(f, undefined)`,
 * `isEmpty` and `isNotEmpty` send) become `exists: false` / `exists: true`, even on a field
 * whose table row lists `$eq`/`$ne` but not `$exists`.
 */
export type FilterNode =
  | { readonly kind: 'and'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'or'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly node: FilterNode }
  | { readonly kind: 'cmp'; readonly field: QueryFieldSpec; readonly op: QueryOperator; readonly value: unknown };

/** How deep filter objects may nest (the top level is 1) and how many nodes a filter may have. */
export const FILTER_LIMITS = { maxDepth: 10, maxNodes: 1000 } as const;

const OPERATORS: ReadonlyMap<string, QueryOperator> = /* @__PURE__ */ new Map(
  (['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'startsWith', 'hasSome', 'hasAll'] as const)
    .map((op) => [`$${op}`, op]),
);

interface ParseContext {
  nodes: number;
}

/**
 * Parses a WQL filter (`{ field: value }` is `$eq`; `{ field: { $op: v } }`; `$and`,
 * `$or`, `$not`), accepting SDK and REST field names and ISO strings or `Date`s for dates.
 * Returns undefined for an empty filter. Several keys in one object, and several operators
 * on one field, are an AND. Keys whose value is `undefined` are ignored, as JSON drops them.
 *
 * @throws ContactsError 400 `MALFORMED_FILTER`, `UNSUPPORTED_FILTER_FIELD_UNKNOWN`,
 * `UNSUPPORTED_FILTER_OPERATOR`, `UNSUPPORTED_FILTER_VALUE`, `UNSUPPORTED_FILTER_VALUE_TYPE`
 * (field-level errors carry `data: { field, operator }`); never any other error.
 *
 * @example
 * ```ts
 * parseFilter({ $and: [{ 'info.name.first': 'Ann' }, { 'info.name.last': { $ne: 'X' } }] });
 * // { kind: 'and', nodes: [{ kind: 'cmp', op: 'eq', value: 'Ann', ... }, { kind: 'cmp', op: 'ne', ... }] }
 * ```
 */
export function parseFilter(filter: unknown): FilterNode | undefined {
  if (filter === undefined || filter === null) return undefined;
  try {
    if (!isPlainObject(filter)) throw malformed('a filter must be an object');
    if (definedEntries(filter).length === 0) return undefined;
    return parseObject(filter, 1, { nodes: 0 });
  } catch (e) {
    // Hostile input (throwing getters, proxies) must still surface as a 400.
    if (e instanceof ContactsError) throw e;
    throw new ContactsError({ code: 'MALFORMED_FILTER', message: 'unreadable filter', cause: e });
  }
}

function malformed(description: string, data?: Record<string, unknown>): ContactsError {
  return appError('MALFORMED_FILTER', description, data);
}

function countNode(ctx: ParseContext): void {
  ctx.nodes += 1;
  if (ctx.nodes > FILTER_LIMITS.maxNodes) throw malformed(`a filter may have at most ${FILTER_LIMITS.maxNodes} nodes`);
}

function parseObject(o: PlainObject, depth: number, ctx: ParseContext): FilterNode {
  if (depth > FILTER_LIMITS.maxDepth) throw malformed(`a filter may nest at most ${FILTER_LIMITS.maxDepth} levels`);
  const entries = definedEntries(o);
  if (entries.length === 0) throw malformed('an empty filter inside $and/$or/$not');
  return combine('and', entries.map(([key, value]) =>
    key.startsWith('$') ? parseCombinator(key, value, depth, ctx) : parseField(key, value, ctx)));
}

function subFilter(v: unknown, operator: string): PlainObject {
  if (!isPlainObject(v)) throw malformed(`${operator} expects filter objects`, { operator });
  return v;
}

function parseCombinator(key: string, value: unknown, depth: number, ctx: ParseContext): FilterNode {
  countNode(ctx);
  if (key === '$not') return { kind: 'not', node: parseObject(subFilter(value, key), depth + 1, ctx) };
  if (key !== '$and' && key !== '$or') throw malformed(`unknown combinator ${key}`, { operator: key });
  if (!Array.isArray(value) || value.length === 0) {
    throw malformed(`${key} expects a non-empty array of filters`, { operator: key });
  }
  // Array.from visits holes (as undefined), which JSON would have sent as null: both refused.
  const nodes = Array.from(value, (v: unknown) => parseObject(subFilter(v, key), depth + 1, ctx));
  return combine(key === '$and' ? 'and' : 'or', nodes);
}

function parseField(name: string, value: unknown, ctx: ParseContext): FilterNode {
  const field = resolveQueryField(name);
  if (field === undefined) {
    throw appError('UNSUPPORTED_FILTER_FIELD_UNKNOWN', `unknown filter field ${name}`, { field: name });
  }
  if (!isPlainObject(value)) return parseComparison(field, name, '$eq', value, ctx);
  const ops = definedEntries(value);
  const dollars = ops.filter(([k]) => k.startsWith('$')).length;
  // An object without operators is an (unsupported) object value for $eq.
  if (dollars === 0 && ops.length > 0) return parseComparison(field, name, '$eq', value, ctx);
  if (ops.length === 0 || dollars !== ops.length) {
    throw malformed(`${name} expects a value or an object of $operators`, { field: name });
  }
  return combine('and', ops.map(([op, v]) => parseComparison(field, name, op, v, ctx)));
}

function parseComparison(field: QueryFieldSpec, name: string, opKey: string, value: unknown, ctx: ParseContext): FilterNode {
  countNode(ctx);
  const site = { field: name, operator: opKey };
  const op = OPERATORS.get(opKey);
  if (op === undefined) throw filterError('UNSUPPORTED_FILTER_OPERATOR', site, 'unknown operator');
  if (!field.operators.includes(op)) throw filterError('UNSUPPORTED_FILTER_OPERATOR', site, 'not supported on this field');
  if (value === null && (op === 'eq' || op === 'ne')) return { kind: 'cmp', field, op: 'exists', value: op === 'ne' };
  return { kind: 'cmp', field, op, value: parseOperand(field, op, value, site) };
}

/** `kind` over `nodes`, flattening children of the same kind; a single node stands alone. */
function combine(kind: 'and' | 'or', nodes: readonly FilterNode[]): FilterNode {
  const flat = nodes.flatMap((n) => ((n.kind === 'and' || n.kind === 'or') && n.kind === kind ? n.nodes : [n]));
  const only = flat.length === 1 ? flat[0] : undefined;
  return only ?? { kind, nodes: flat };
}
