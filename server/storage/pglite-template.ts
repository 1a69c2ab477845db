/**
 * The start-up template of PGlite databases. A fresh PGlite spends ~8 s in initdb, so new
 * databases (in memory, or in an empty directory) start from a tarball of an empty,
 * migrated database instead: built once, kept in the process and in the OS temp directory
 * (keyed by the PGlite version and the migrations), so every later server opens in about a
 * second. When several processes start at once (a test run), one builds it and the others
 * wait for the file, instead of all running initdb on the same few cores.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, migrate } from './migrations.js';
import { openPgliteSql, type PgliteDatabase } from './pglite-sql.js';

/** Changes whenever what the template holds changes for another reason than the migrations. */
const TEMPLATE_VARIANT = 'unlogged-2';
/** A lock older than this belongs to a builder that died. */
const STALE_LOCK_MS = 3 * 60 * 1000;
const POLL_MS = 250;

let inProcess: Promise<ArrayBuffer> | undefined;

/**
 * An in-memory database has nothing to recover after a crash, so its tables skip the
 * write-ahead log (about 15% faster writes); a database on disk turns it back on. Same
 * schema; only the persistence differs. (Table names come from the catalog, quoted by %I.)
 */
export function persistence(mode: 'LOGGED' | 'UNLOGGED'): string {
  // schema_migrations stays logged: a database copied from the template starts as after a
  // crash, which empties unlogged tables, and its migration records must survive that.
  return `DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' LOOP
    EXECUTE format('ALTER TABLE %I SET ${mode}', t);
  END LOOP;
END $$`;
}

function pgliteVersion(): string {
  try {
    const entry = import.meta.resolve('@electric-sql/pglite');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function templatePath(): string {
  const key = createHash('sha1').update(pgliteVersion()).update(TEMPLATE_VARIANT).update(JSON.stringify(MIGRATIONS))
    .digest('hex').slice(0, 16);
  return join(tmpdir(), `offline-contacts-pglite-${key}.tar`);
}

function readTemplateFile(): ArrayBuffer | undefined {
  try {
    const bytes = readFileSync(templatePath());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  } catch {
    return undefined;
  }
}

function writeTemplateFile(tar: ArrayBuffer): void {
  // Write then rename, so a concurrent reader never sees half a file.
  const partial = `${templatePath()}.${process.pid}.${Date.now()}.partial`;
  try {
    writeFileSync(partial, new Uint8Array(tar));
    renameSync(partial, templatePath());
  } catch {
    rmSync(partial, { force: true });
  }
}

/** The template, from the process or the disk, or undefined. */
async function cachedTemplate(): Promise<ArrayBuffer | undefined> {
  const tar = await (inProcess ?? Promise.resolve(readTemplateFile())).catch(() => undefined);
  if (tar !== undefined) inProcess ??= Promise.resolve(tar);
  return tar;
}

/** Forgets a template that turned out unusable (the next caller builds a new one). */
export function forgetTemplate(): void {
  rmSync(templatePath(), { force: true });
  inProcess = undefined;
}

async function buildTemplate(): Promise<{ tar: ArrayBuffer; sql: PgliteDatabase }> {
  const sql = await openPgliteSql({});
  await migrate(sql);
  await sql.query(persistence('UNLOGGED'), [], { prepare: false });
  const tar = await sql.dump();
  inProcess ??= Promise.resolve(tar);
  writeTemplateFile(tar);
  return { tar, sql };
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS) rmSync(path, { force: true });
    } catch {
      // The lock went away meanwhile: the next round takes it.
    }
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The template, building it if nobody has. When this call built it, `sql` is the (open,
 * in-memory) database it was built from, which the caller may use or close.
 */
export async function obtainTemplate(): Promise<{ tar: ArrayBuffer; sql?: PgliteDatabase }> {
  const lock = `${templatePath()}.lock`;
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    const tar = await cachedTemplate();
    if (tar !== undefined) return { tar };
    if (tryLock(lock) || Date.now() > deadline) {
      try {
        return await buildTemplate();
      } finally {
        rmSync(lock, { force: true });
      }
    }
    await sleep(POLL_MS);
  }
}
