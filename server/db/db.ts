import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The file for SQLite, or the connection string for PostgreSQL. */
  location: string;
  /** The raw better-sqlite3 handle (backup, pragmas); undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  /**
   * Refreshes the query planner's statistics where tables never had them or changed much since (SQLite's PRAGMA
   * optimize; PostgreSQL's autovacuum does this by itself). Without them SQLite takes any index on office_id for a
   * selective one and reads whole offices (bench/). The first time on a large database it blocks: 0.6 s on bench/'s
   * 3 GB file with a warm page cache, several seconds cold.
   */
  optimize(): void;
  close(): Promise<void>;
}

/**
 * SQL texts run as named prepared statements on PostgreSQL: the fixed shapes of server/db/compiled.ts, a set bounded
 * by the code. PostgreSQL then parses and plans each once per connection; planning the task page's ten queries each
 * time cost more than running them (bench/: a bare handler did 260 task pages a second unnamed, 1,203 named).
 */
const statementNames = new Map<string, string>();
export function prepareOnPostgres(sqlText: string): void {
  if (!statementNames.has(sqlText)) statementNames.set(sqlText, `ro_${statementNames.size}`);
}

/** pg is loaded with the first PostgreSQL connection: an embedded (SQLite) server never loads it. */
async function pgPool(url: string, max: number) {
  const pg = (await import('pg')).default;
  // PostgreSQL: bigint and numeric come back as strings by default; our counts fit in a JS number.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's connection can die (server restart, admin kill): the pool drops it; unhandled, it would crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (q: unknown, v?: unknown) => unknown;
    client.query = ((text: unknown, values?: unknown) => {
      const name = typeof text === 'string' ? statementNames.get(text) : undefined;
      return name ? query({ name, text, values }) : query(text, values);
    }) as typeof client.query;
  });
  return pool;
}

/** Opens the embedded SQLite file (default) or PostgreSQL when the URL starts with postgres://. */
export function createDb(url: string, opts: { poolSize?: number } = {}): DbHandle {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: () => pgPool(url, opts.poolSize ?? 10) }), plugins: [new CamelCasePlugin()] });
    return { db, dialect: 'postgres', location: url, optimize: () => {}, close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  const optimize = () => {
    // On a connection of its own, closed afterwards: what the analysis reads (up to 16 MB of pages) then leaves the
    // server's memory; on the serving connection it stayed (idle 108 MB; 100 MB on its own connection). The
    // new statistics reach the serving connection by themselves (ANALYZE changes the schema cookie).
    const own = file === ':memory:' ? sqlite : new SQLite(file);
    try {
      own.pragma('busy_timeout = 5000');
      own.pragma('analysis_limit = 1000'); // rows sampled per index
      own.pragma('optimize = 0x10002');
    } finally {
      if (own !== sqlite) own.close();
    }
  };
  return { db, dialect: 'sqlite', location: file, sqlite, optimize, close: () => db.destroy() };
}

/**
 * Kysely prepares every query it runs, and compiling SQL is often dearer than running it (bench/: a fifth of the
 * task page's CPU). Compiled statements are kept per SQL text (least recently used out first). Safe because Kysely's
 * SQLite driver runs one statement at a time on its one connection; SQLite recompiles a kept statement by itself when
 * a migration changes the schema.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string): SQLite.Statement {
      let stmt = cache.get(sqlText);
      if (stmt) cache.delete(sqlText);
      else stmt = sqlite.prepare(sqlText);
      cache.set(sqlText, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

/** Serializes writers of one named resource inside a transaction (PostgreSQL advisory lock; SQLite writers are serial already). */
export async function lockResource(trx: Tx, dialect: Dialect, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}
