/**
 * The SDK's `queryContacts()` builder. Like the Wix SDK it is immutable and builds a WQL
 * filter: `eq` as `{ field: value }`, every other operator as `{ field: { $op: value } }`,
 * several conditions chained with `$and`. Validation happens when the query runs, in the
 * same parser the server uses, so a bad field or operator fails with the server's code.
 */
import type { Observable } from 'rxjs';
import type { Contact } from '../model/contact.js';
import type { RawContactQuery } from '../store/query/contact-query.js';
import type { ContactsQueryBuilder, ContactsQueryResult } from './types.js';

/** Runs raw queries for a builder (the client supplies it, with its closed-state guard). */
export interface QueryRunner {
  find(query: RawContactQuery): Promise<ContactsQueryResult>;
  observe(query: RawContactQuery): Observable<Contact[]>;
}

interface BuilderState {
  readonly conditions: readonly Record<string, unknown>[];
  readonly sort: readonly { readonly fieldName: string; readonly order: 'ASC' | 'DESC' }[];
  readonly paging: { readonly limit?: unknown; readonly offset?: unknown };
}

const EMPTY: BuilderState = { conditions: [], sort: [], paging: {} };

/**
 * A new, empty builder (no filter, default sort, `limit` 50, `skip` 0).
 *
 * @example
 * ```ts
 * const { items } = await createQueryBuilder(runner).startsWith('info.name.first', 'ad').limit(10).find();
 * ```
 */
export function createQueryBuilder(runner: QueryRunner): ContactsQueryBuilder {
  return new QueryBuilder(runner, EMPTY);
}

/**
 * The WQL of a builder state, as the SDK sends it.
 *
 * @example
 * ```ts
 * toRawQuery({ conditions: [{ a: 1 }, { b: { $ne: 2 } }], sort: [], paging: {} }).filter; // { $and: [...] }
 * ```
 */
function toRawQuery(state: BuilderState): RawContactQuery {
  const [only, ...more] = state.conditions;
  const filter = only === undefined ? {} : more.length === 0 ? only : { $and: [...state.conditions] };
  return { filter, sort: [...state.sort], paging: { ...state.paging } };
}

class QueryBuilder implements ContactsQueryBuilder {
  constructor(private readonly runner: QueryRunner, private readonly state: BuilderState) {}

  eq(field: string, value: unknown): ContactsQueryBuilder { return this.where({ [field]: value }); }
  ne(field: string, value: unknown): ContactsQueryBuilder { return this.op(field, '$ne', value); }
  gt(field: string, value: unknown): ContactsQueryBuilder { return this.op(field, '$gt', value); }
  ge(field: string, value: unknown): ContactsQueryBuilder { return this.op(field, '$gte', value); }
  lt(field: string, value: unknown): ContactsQueryBuilder { return this.op(field, '$lt', value); }
  le(field: string, value: unknown): ContactsQueryBuilder { return this.op(field, '$lte', value); }
  in(field: string, values: unknown[]): ContactsQueryBuilder { return this.op(field, '$in', values); }
  exists(field: string, value: boolean): ContactsQueryBuilder { return this.op(field, '$exists', value); }
  startsWith(field: string, value: string): ContactsQueryBuilder { return this.op(field, '$startsWith', value); }
  hasSome(field: string, values: unknown[]): ContactsQueryBuilder { return this.op(field, '$hasSome', values); }
  hasAll(field: string, values: unknown[]): ContactsQueryBuilder { return this.op(field, '$hasAll', values); }
  ascending(field: string): ContactsQueryBuilder { return this.sortBy(field, 'ASC'); }
  descending(field: string): ContactsQueryBuilder { return this.sortBy(field, 'DESC'); }
  limit(limit: number): ContactsQueryBuilder { return this.with({ paging: { ...this.state.paging, limit } }); }
  skip(skip: number): ContactsQueryBuilder { return this.with({ paging: { ...this.state.paging, offset: skip } }); }
  find(): Promise<ContactsQueryResult> { return this.runner.find(toRawQuery(this.state)); }
  observe(): Observable<Contact[]> { return this.runner.observe(toRawQuery(this.state)); }

  private op(field: string, op: string, value: unknown): ContactsQueryBuilder {
    return this.where({ [field]: { [op]: value } });
  }

  private where(condition: Record<string, unknown>): ContactsQueryBuilder {
    return this.with({ conditions: [...this.state.conditions, condition] });
  }

  /** Appends, as the SDK does: a second sort is refused by the parser (Wix allows one). */
  private sortBy(fieldName: string, order: 'ASC' | 'DESC'): ContactsQueryBuilder {
    return this.with({ sort: [...this.state.sort, { fieldName, order }] });
  }

  private with(change: Partial<BuilderState>): ContactsQueryBuilder {
    return new QueryBuilder(this.runner, { ...this.state, ...change });
  }
}
