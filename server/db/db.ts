import SQLite from 'better-sqlite3';
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Driver, type Transaction } from 'kysely';
import { GroupCommitSqliteDialect, notify, type GroupCommitStats } from './group-commit.ts';
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
   * selective one and reads whole offices (bench/). On a file it runs in a child process (optimizeSqliteFile).
   */
  optimize(): Promise<void>;
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

/**
 * Reads of fixed shape (server/db/compiled.ts) outside a transaction, run on the driver without Kysely's executor
 * (connection mutex, plugin result transform, promise chain): skipping it took a task page's `getTask` from 440 to
 * 365 µs in process (bench/'s 3 GB file). Rows come back keyed as CamelCasePlugin would key them. On SQLite they run on a read-only
 * connection of their own (WAL: each statement sees the last commit and never a transaction still open on the
 * writing connection, and reads no longer wait for that transaction); on PostgreSQL on the pool, as named statements.
 */
export interface DirectReader {
  all(sqlText: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
}
const directReaders = new WeakMap<object, DirectReader>();
/** The direct reader of a database handle; none inside a transaction (its reads must see its own writes). */
export function directReaderOf(q: Db | Tx): DirectReader | undefined {
  return q.isTransaction ? undefined : directReaders.get(q);
}

class CamelCase extends CamelCasePlugin {
  map(name: string): string {
    return this.camelCase(name);
  }
}
const camel = new CamelCase();
/** Builds one result row from the driver's array row, with the keys computed once per statement. */
function rowMaker(columns: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  const keys = columns.map((c) => camel.map(c));
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) row[keys[i]!] = values[i];
    return row;
  };
}

/**
 * The SQLite direct reader. Every statement outside a transaction begins and ends a read transaction of its own, and
 * that (locks on the WAL index) cost 14 µs a statement here, more than most of the task page's queries (bench/).
 * So the reader's statements share one read transaction per turn of the event loop: begun by the first read, ended
 * when the turn ends (setImmediate) and at once whenever the writing connection is about to write (`writing`, called
 * by its statement cache), so a read never sees a state older than a write this process has made. Writes of another
 * process are seen from the next turn on.
 */
function sqliteReader(file: string): DirectReader & { writing(): void; close(): void } {
  let conn: { db: SQLite.Database; begin: SQLite.Statement; commit: SQLite.Statement } | undefined;
  let open = false;
  const statements = new Map<string, { stmt: SQLite.Statement; make: (v: readonly unknown[]) => Record<string, unknown> }>();
  const end = () => {
    if (!open) return;
    open = false;
    if (conn?.db.inTransaction) conn.commit.run();
  };
  const connect = () => {
    // Opened on first use: the file exists by then (the writing connection made it and ran the migrations).
    const db = new SQLite(file, { readonly: true });
    db.pragma('busy_timeout = 5000');
    // 4 MB of page cache instead of better-sqlite3's 16: a second full cache showed in RSS under load (task page
    // peaks 184–193 → 180 MB), and 4 MB read as fast (task page 1,978–2,036 req/s; bench/, targeted runs).
    db.pragma('cache_size = -4000');
    return { db, begin: db.prepare('begin'), commit: db.prepare('commit') };
  };
  return {
    async all(sqlText, params) {
      conn ??= connect();
      let s = statements.get(sqlText);
      if (!s) {
        const stmt = conn.db.prepare(sqlText).raw(true);
        statements.set(sqlText, (s = { stmt, make: rowMaker(stmt.columns().map((c) => c.name)) }));
      }
      if (!open) {
        conn.begin.run();
        open = true;
        setImmediate(end);
      }
      return (s.stmt.all(params as unknown[]) as unknown[][]).map(s.make);
    },
    writing: end,
    close() {
      end();
      conn?.db.close();
      conn = undefined;
    },
  };
}

function pgReader(getPool: () => Promise<import('pg').Pool>): DirectReader {
  const makers = new Map<string, (v: readonly unknown[]) => Record<string, unknown>>();
  return {
    async all(text, params) {
      const pool = await getPool();
      const res = await pool.query<unknown[]>({ text, values: params as unknown[], rowMode: 'array', name: statementNames.get(text) });
      let make = makers.get(text);
      if (!make) makers.set(text, (make = rowMaker(res.fields.map((f) => f.name))));
      return res.rows.map(make);
    },
  };
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
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Kysely calls query(text, values); pool.query (the direct reader) calls query(config, undefined, callback).
    client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
      const name = typeof text === 'string' ? statementNames.get(text) : undefined;
      return name ? query({ name, text, values }, ...rest) : query(text, values, ...rest);
    }) as typeof client.query;
  });
  return pool;
}

const groupCommitStats = new WeakMap<object, GroupCommitStats>();
/** How many SQLite transactions shared how many commits (group-commit.ts); undefined on PostgreSQL. */
export function groupCommitStatsOf(db: Db): Readonly<GroupCommitStats> | undefined {
  return groupCommitStats.get(db);
}
const commitListeners = new WeakMap<object, Set<() => void>>();
/**
 * Calls `listener` after each commit, before the transactions it made durable return: a cache dropped when a
 * transaction records a change is dropped again once the change is committed (a lookup in between, on another
 * connection, read the state before it). On SQLite one commit serves the transactions of a turn (group-commit.ts).
 */
export function afterCommit(db: Db, listener: () => void): void {
  commitListeners.get(db)?.add(listener);
}

/** PostgreSQL's dialect, telling `listeners` after each transaction's COMMIT (afterCommit). */
class PostgresDialectWithCommitHook extends PostgresDialect {
  readonly #listeners: Set<() => void>;
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0], listeners: Set<() => void>) {
    super(config);
    this.#listeners = listeners;
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const commit = driver.commitTransaction.bind(driver);
    driver.commitTransaction = async (connection) => {
      await commit(connection);
      notify(this.#listeners);
    };
    return driver;
  }
}

/** Opens the embedded SQLite file (default) or PostgreSQL when the URL starts with postgres://. */
export function createDb(url: string, opts: { poolSize?: number } = {}): DbHandle {
  if (/^postgres(ql)?:\/\//.test(url)) {
    let pool: ReturnType<typeof pgPool> | undefined;
    const getPool = () => (pool ??= pgPool(url, opts.poolSize ?? 10));
    const listeners = new Set<() => void>();
    const db = new Kysely<DB>({ dialect: new PostgresDialectWithCommitHook({ pool: getPool }, listeners), plugins: [new CamelCasePlugin()] });
    directReaders.set(db, pgReader(getPool));
    commitListeners.set(db, listeners);
    // Kysely ends the pool it was given; the reader shares it.
    return { db, dialect: 'postgres', location: url, optimize: async () => {}, close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 8 MB of page cache instead of better-sqlite3's 16: the hot reads run on the read connection now, and the
  // dashboard's scans filled the 16 MB (peak RSS 200.9 → 186 MB, idle 100.0 → 92.9 MB; task page and progress
  // update as fast: 1,941–2,022 and 683–727 req/s; bench/, targeted run).
  sqlite.pragma('cache_size = -8000');
  // An in-memory database is private to its connection: no second one can read it.
  const reader = file === ':memory:' ? undefined : sqliteReader(file);
  const stats: GroupCommitStats = { transactions: 0, commits: 0 };
  const listeners = new Set<() => void>();
  const db = new Kysely<DB>({ dialect: new GroupCommitSqliteDialect({ database: withStatementCache(sqlite, reader?.writing) }, sqlite, stats, listeners), plugins: [new CamelCasePlugin()] });
  if (reader) directReaders.set(db, reader);
  groupCommitStats.set(db, stats);
  commitListeners.set(db, listeners);
  // An in-memory database is private to its connection: analysed there. A file, in a process of its own (optimizeSqliteFile).
  let optimizing: ChildProcess | undefined;
  const optimize = async () => {
    if (file === ':memory:') return void OPTIMIZE_PRAGMAS.forEach((p) => sqlite.pragma(p));
    if (optimizing) return; // one at a time
    const run = optimizeSqliteFile(file);
    optimizing = run.child;
    try {
      await run.done;
    } finally {
      optimizing = undefined;
    }
  };
  const close = async () => {
    optimizing?.kill(); // it wrote nothing yet, or its ANALYZE rolls back
    reader?.close();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', location: file, sqlite, optimize, close };
}

const OPTIMIZE_PRAGMAS = ['busy_timeout = 5000', 'analysis_limit = 1000' /* rows sampled per index */, 'optimize = 0x10002'];
/**
 * PRAGMA optimize on a SQLite file, in a child process: on bench/'s
 * 3 GB file (no statistics yet), took 0.6 s, and that is the event loop's time when run in the server's process. There,
 * even on a connection of its own closed afterwards, much of the memory stayed with the process: idle RSS on a fresh
 * copy of bench/'s data 106 and 111 MB (anonymous 59 and 63) against 92 and 92 (44 and 44) with the child (server
 * pinned to one core, 30 s after ready; the full bench run before this change: 114.7 MB). The same pragmas run alone
 * in a node process ended at 68 MB RSS. The new statistics reach the server's connections by themselves (ANALYZE
 * changes the schema cookie).
 */
function optimizeSqliteFile(file: string): { child: ChildProcess; done: Promise<void> } {
  const script = `const [addon, file, ...pragmas] = process.argv.slice(1); const db = new (require(addon))(file); try { for (const p of pragmas) db.pragma(p); } finally { db.close(); }`;
  const addon = createRequire(import.meta.url).resolve('better-sqlite3');
  let child!: ChildProcess;
  const done = new Promise<void>((resolve, reject) => {
    child = execFile(process.execPath, ['-e', script, addon, file, ...OPTIMIZE_PRAGMAS], { timeout: 30 * 60_000 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`PRAGMA optimize failed: ${/^\w*Error: .*$/m.exec(stderr)?.[0] ?? err.message}`)) : resolve(),
    );
  });
  return { child, done };
}

/**
 * Kysely prepares every query it runs, and compiling SQL is often dearer than running it (bench/: a fifth of the
 * task page's CPU). Compiled statements are kept per SQL text (least recently used out first). Safe because Kysely's
 * SQLite driver runs one statement at a time on its one connection; SQLite recompiles a kept statement by itself when
 * a migration changes the schema.
 */
function withStatementCache(sqlite: SQLite.Database, writing?: () => void, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string): SQLite.Statement {
      let stmt = cache.get(sqlText);
      if (stmt) cache.delete(sqlText);
      else stmt = sqlite.prepare(sqlText);
      cache.set(sqlText, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      // Kysely runs what it prepares at once: a write (or begin, commit) ends the direct reader's snapshot first.
      if (writing && !stmt.reader) writing();
      return stmt;
    },
  };
}

/** Serializes writers of one named resource inside a transaction (PostgreSQL advisory lock; SQLite writers are serial already). */
export async function lockResource(trx: Tx, dialect: Dialect, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}
