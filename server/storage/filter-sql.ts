/**
 * Translates a parsed WQL filter (`FilterNode`, src/model/query) into a SQL condition over
 * the contact row `c`, with exactly the semantics of `matchesFilter`: on a list an operator
 * holds when some element satisfies it, except `ne`/`nin` (no element does) and `exists`
 * (the list is not empty); a missing value satisfies only `ne`, `nin` and `exists: false`;
 * values of another type never compare. Every comparison is wrapped so it is true or false,
 * never NULL, which keeps `$not` exact.
 */
import { appError } from '../../src/model/contacts-error.js';
import type { FilterNode } from '../../src/model/query/filter.js';
import type { QueryFieldSpec, QueryOperator } from '../../src/model/query/query-fields.js';
import { FIELD_SOURCES, type FieldSource } from './query-sources.js';
import type { SqlParams } from './sql-params.js';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type Pred = (v: string) => string;

const ORDER_SQL: Partial<Record<QueryOperator, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

function operands(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

function asText(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/** An element predicate for scalar/list sources, with the operand bound as a parameter. */
function elementPredicate(op: QueryOperator, value: unknown, cast: 'text' | 'timestamptz', params: SqlParams): Pred {
  const collate = cast === 'text' ? ' COLLATE "C"' : '';
  switch (op) {
    case 'eq': case 'ne': {
      const p = `${params.add(asText(value))}::${cast}`;
      return (v) => `${v} = ${p}`;
    }
    case 'in': case 'nin': case 'hasSome': {
      const p = `${params.add(operands(value).map(asText))}::${cast}[]`;
      return (v) => `${v} = ANY(${p})`;
    }
    case 'startsWith': {
      const p = params.add(asText(value).toLowerCase());
      return (v) => `starts_with(lower(${v}), ${p}::text)`;
    }
    default: {
      const sqlOp = ORDER_SQL[op];
      if (sqlOp === undefined) throw appError('UNSUPPORTED_FILTER_OPERATOR', `operator ${op} cannot be used here`);
      const p = `${params.add(asText(value))}::${cast}`;
      return (v) => `(${v})${collate} ${sqlOp} ${p}`;
    }
  }
}

/** "Some value satisfies `pred`" for a scalar or list source. */
function holds(source: Exclude<FieldSource, { kind: 'extended' }>, pred: Pred): string {
  if (source.kind === 'scalar') return `coalesce(${pred(source.expr)}, false)`;
  return `EXISTS (SELECT 1 FROM (${source.from}) AS t WHERE t.v IS NOT NULL AND ${pred('t.v')})`;
}

function plainCondition(source: Exclude<FieldSource, { kind: 'extended' }>, node: Cmp, params: SqlParams): string {
  const { op, value } = node;
  if (op === 'exists') {
    const some = holds(source, (v) => `${v} IS NOT NULL`);
    return value === true ? some : `NOT ${some}`;
  }
  if (op === 'hasAll') {
    return `(${operands(value).map((o) => holds(source, elementPredicate('eq', o, source.kind === 'scalar' ? source.cast : 'text', params))).join(' AND ')})`;
  }
  const cast = source.kind === 'scalar' ? source.cast : 'text';
  const condition = holds(source, elementPredicate(op, value, cast, params));
  return op === 'ne' || op === 'nin' ? `NOT ${condition}` : condition;
}

/** A typed test of one extended-field operand: numbers against numbers, strings against strings. */
function extendedTest(x: string, op: QueryOperator, operand: unknown, params: SqlParams): string {
  const isNumber = typeof operand === 'number';
  if (op === 'startsWith') {
    if (isNumber) return 'false';
    const prefix = params.add(asText(operand).toLowerCase());
    return `(jsonb_typeof(${x}) = 'string' AND starts_with(lower(${x} #>> '{}'), ${prefix}::text))`;
  }
  const typed = isNumber ? `(${x})::numeric` : `(${x} #>> '{}')`;
  const p = isNumber ? `${params.add(operand)}::numeric` : `${params.add(asText(operand))}::text`;
  const guard = `jsonb_typeof(${x}) = '${isNumber ? 'number' : 'string'}'`;
  const sqlOp = ORDER_SQL[op] ?? '=';
  return `(${guard} AND ${typed}${isNumber || sqlOp === '=' ? '' : ' COLLATE "C"'} ${sqlOp} ${p})`;
}

function extendedCondition(field: QueryFieldSpec, node: Cmp, params: SqlParams): string {
  const x = `(c.data -> 'info' -> 'extendedFields' -> 'items' -> ${params.add(field.extendedKey ?? '')}::text)`;
  const { op, value } = node;
  if (op === 'exists') return `${value === true ? '' : 'NOT '}coalesce(jsonb_typeof(${x}) IN ('string', 'number'), false)`;
  const any = (ops: readonly unknown[], testOp: QueryOperator): string =>
    `coalesce(${ops.map((o) => extendedTest(x, testOp, o, params)).join(' OR ')}, false)`;
  switch (op) {
    case 'in': case 'hasSome': return any(operands(value), 'eq');
    case 'nin': case 'ne': return `NOT ${any(operands(value), 'eq')}`;
    case 'hasAll': return `(${operands(value).map((o) => any([o], 'eq')).join(' AND ')})`;
    default: return any([value], op);
  }
}

function comparison(node: Cmp, params: SqlParams): string {
  if (node.field.type === 'extended') return extendedCondition(node.field, node, params);
  const source = FIELD_SOURCES.get(node.field.name);
  if (source === undefined || source.kind === 'extended') {
    throw appError('UNSUPPORTED_FILTER_FIELD_UNKNOWN', `the server cannot filter on ${node.field.name}`, { field: node.field.name });
  }
  return plainCondition(source, node, params);
}

/**
 * The SQL condition of `node`, with its operands appended to `params`.
 *
 * @example
 * ```ts
 * const params = new SqlParams(['tenant']);
 * filterSql(parseFilter({ 'info.name.first': { $startsWith: 'an' } })!, params);
 * // "coalesce(starts_with(lower((c.data #>> '{info,name,first}')), $2::text), false)"
 * ```
 */
export function filterSql(node: FilterNode, params: SqlParams): string {
  switch (node.kind) {
    case 'and': return `(${node.nodes.map((n) => filterSql(n, params)).join(' AND ')})`;
    case 'or': return `(${node.nodes.map((n) => filterSql(n, params)).join(' OR ')})`;
    case 'not': return `(NOT ${filterSql(node.node, params)})`;
    case 'cmp': return comparison(node, params);
  }
}
