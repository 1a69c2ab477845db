/**
 * The one schema of the reference server, as an ordered list of migrations that PGlite and
 * PostgreSQL both run. Each is applied once, in a transaction, and recorded in
 * `schema_migrations`; an advisory lock keeps two servers starting on the same database
 * from applying the same migration twice.
 *
 * Layout (docs/ARCHITECTURE.md "Server storage"): every table is keyed by `tenant_id` first;
 * `tenants.seq` is the per-tenant change counter that every write bumps in the statement
 * that writes the row, so the change feed (`seq > cursor`) sees commits in `seq` order.
 * Text keys use `COLLATE "C"`: code-point order, the order the local store uses.
 */
import type { Sql, SqlClient } from './sql.js';

/** One schema change: statements run in order, in one transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Every migration, oldest first. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'contacts, tombstones, labels, idempotency, tenant sequence',
    statements: [
      `CREATE TABLE tenants (
        tenant_id text COLLATE "C" PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE contacts (
        tenant_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        revision integer NOT NULL CHECK (revision >= 1),
        seq bigint NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        member_id text,
        email_key text COLLATE "C",
        phone_key text COLLATE "C",
        email_keys text[] NOT NULL DEFAULT '{}',
        sort_first text COLLATE "C" NOT NULL DEFAULT '',
        sort_last text COLLATE "C" NOT NULL DEFAULT '',
        sort_email text COLLATE "C" NOT NULL DEFAULT '',
        sort_company text COLLATE "C" NOT NULL DEFAULT '',
        sort_job_title text COLLATE "C" NOT NULL DEFAULT '',
        PRIMARY KEY (tenant_id, id)
      )`,
      'CREATE INDEX contacts_by_seq ON contacts (tenant_id, seq)',
      'CREATE INDEX contacts_by_created ON contacts (tenant_id, created_at, id)',
      'CREATE INDEX contacts_by_email_key ON contacts (tenant_id, email_key)',
      'CREATE INDEX contacts_by_phone_key ON contacts (tenant_id, phone_key)',
      `CREATE TABLE tombstones (
        tenant_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        deleted_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`,
      'CREATE INDEX tombstones_by_seq ON tombstones (tenant_id, seq)',
      `CREATE TABLE labels (
        tenant_id text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        display_name text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`,
      `CREATE TABLE idempotency (
        tenant_id text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        request_hash text NOT NULL,
        status integer,
        response text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`,
      'CREATE INDEX idempotency_by_age ON idempotency (created_at)',
    ],
  },
];

/** Any constant: the advisory lock that serialises migrations across servers. */
const MIGRATION_LOCK = 4_224_001;

async function appliedVersions(tx: SqlClient): Promise<Set<number>> {
  const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies every migration the database lacks and returns the versions it applied. Safe to
 * call on every start and from several servers at once.
 *
 * @example
 * ```ts
 * await migrate(sql); // [1] on an empty database, [] afterwards
 * ```
 */
export async function migrate(sql: Sql, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK], { prepare: false });
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`, [], { prepare: false });
    const done = await appliedVersions(tx);
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements) await tx.query(statement, [], { prepare: false });
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name], { prepare: false });
      applied.push(m.version);
    }
    return applied;
  });
}
