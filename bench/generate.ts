// Writes the data set (dataset.ts) straight into a database: the schema and the setup rows (calendar, system
// accounts) through the app's own migrations and services, then every generated row in bulk — prepared statements
// through better-sqlite3 in large transactions, or multi-row INSERT … SELECT FROM unnest(arrays) on PostgreSQL.
// Generated databases are cached (SQLite: a file under bench/data/; PostgreSQL: the database ro_bench) and rebuilt
// when GENERATOR_VERSION, the schema (any migration file) or the scale changes. Runs work on a copy, so every run
// starts from the same data.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createServices } from '../server/app.ts';
import { createDb, type DbHandle } from '../server/db/db.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureSystemAccounts } from '../server/demo/demo.ts';
import { fixedClock } from '../server/platform/clock.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import type { WorkingCalendar } from '../server/modules/calendar/working-days.ts';
import { ANCHOR, BENCH_PASSWORD, generate, GENERATOR_VERSION, TABLES, type Row, type Sink, type Table } from './dataset.ts';

export const DATA_DIR = resolve(import.meta.dirname, 'data');
export const AUDIT_KEY_FILE = join(DATA_DIR, 'audit.key');
/** A fixed key: the generated audit chain verifies with it (`AUDIT_KEY_FILE=bench/data/audit.key reform-office audit verify`). */
export const AUDIT_KEY = createHash('sha256').update('reform-office bench audit key').digest();
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!['127.0.0.1', 'localhost'].includes(new URL(PG_ADMIN_URL).hostname)) throw new Error('bench: BENCH_PG_URL must point at this machine (127.0.0.1)');
/** ro_bench holds the full-scale data set; smaller scales (development) get their own database beside it. */
const pgNames = (scale: number) => {
  const db = scale === 1 ? 'ro_bench' : `ro_bench_s${String(scale).replace(/\W/g, '_')}`;
  return { db, run: `${db}_run` };
};
const MIGRATIONS_DIR = resolve(import.meta.dirname, '../server/db/migrations');

/** The cache key: the generator's version and the schema it was generated on (every migration file's content). */
/** The per-day update counts the app keeps on insert (migration 20261205090000), for the rows written in bulk. */
const FILL_UPDATE_DAYS = 'insert into progress_update_days (office_id, reported_on, n) select office_id, reported_on, count(*) from progress_updates group by office_id, reported_on';

export function datasetKey(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) h.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  return `v${GENERATOR_VERSION}-${h.digest('hex').slice(0, 8)}`;
}

export interface Generated {
  dialect: 'sqlite' | 'postgres';
  /** The working copy's URL, for the app and the minimal server. */
  runUrl: string;
  cached: boolean;
  timings: Record<string, number>;
  counts: Record<string, number>;
}

const pgUrl = (db: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${db}`;
  return u.toString();
};
const secs = (ms: number) => Math.round(ms / 100) / 10;

function ensureKey() {
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(AUDIT_KEY_FILE, AUDIT_KEY.toString('hex'), { mode: 0o600 });
}

/** Schema, calendar and the three system accounts through the app; returns what the bulk rows build on. */
async function setUp(handle: DbHandle): Promise<{ calendar: WorkingCalendar; auditHead: { seq: number; hash: string } }> {
  await migrateToLatest(handle.db);
  const services = createServices({ handle, clock: fixedClock(`${ANCHOR}T00:00:00.000Z`), auditKey: AUDIT_KEY, mailer: null });
  await services.calendar.seedFromPackage();
  await ensureSystemAccounts(services, { password: BENCH_PASSWORD, mustChangePassword: false });
  const calendar = await services.calendar.calendar();
  const head = await handle.db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  return { calendar, auditHead: head };
}

function log(msg: string) {
  process.stdout.write(`  ${msg}\n`);
}

// ---------------- SQLite ----------------

function sqliteSink(db: SQLite.Database): Sink {
  const stmts = Object.fromEntries(
    Object.entries(TABLES).map(([table, cols]) => [table, db.prepare(`insert into ${table} (${cols.map((c) => c[0]).join(', ')}) values (${cols.map(() => '?').join(', ')})`)]),
  ) as Record<Table, SQLite.Statement>;
  let pending = 0;
  db.exec('begin');
  return {
    add(table: Table, row: Row) {
      stmts[table].run(row);
      pending++;
    },
    get full() {
      return pending >= 200_000;
    },
    async flush() {
      db.exec('commit');
      db.exec('begin');
      pending = 0;
    },
  };
}

function readMetaSqlite(file: string): Record<string, string> | null {
  if (!existsSync(file)) return null;
  const db = new SQLite(file, { readonly: true });
  try {
    const rows = db.prepare('select key, value from bench_meta').all() as Array<{ key: string; value: string }>;
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } catch {
    return null;
  } finally {
    db.close();
  }
}

export async function ensureSqlite(scale: number): Promise<Generated> {
  ensureKey();
  const base = `ro-bench-${datasetKey()}-s${scale}.db`;
  const file = join(DATA_DIR, base);
  const run = join(DATA_DIR, 'run-sqlite.db');
  let meta = readMetaSqlite(file);
  const cached = meta !== null;
  if (!meta) {
    // Older generator versions of this scale are stale: free their space.
    for (const f of readdirSync(DATA_DIR)) if (f.startsWith('ro-bench-') && f.endsWith(`-s${scale}.db`) && f !== base) rmSync(join(DATA_DIR, f), { force: true });
    const tmp = `${file}.tmp`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    const t0 = performance.now();
    const handle = createDb(`sqlite:${tmp}`);
    const { calendar, auditHead } = await setUp(handle);
    await handle.close();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const tSetup = performance.now();
    const db = new SQLite(tmp);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -262144');
    const counts = await generate({ scale, sink: sqliteSink(db), passwordHash, auditKey: AUDIT_KEY, auditHead, calendar });
    db.exec('commit');
    db.exec(FILL_UPDATE_DAYS);
    const tRows = performance.now();
    const fk = db.prepare('pragma foreign_key_check').all();
    if (fk.length) throw new Error(`generated rows break ${fk.length} foreign keys, e.g. ${JSON.stringify(fk[0])}`);
    const tCheck = performance.now();
    const timings = { setupSeconds: secs(tSetup - t0), rowsSeconds: secs(tRows - tSetup), foreignKeyCheckSeconds: secs(tCheck - tRows), totalSeconds: secs(tCheck - t0) };
    db.exec('create table bench_meta (key text primary key, value text not null)');
    const put = db.prepare('insert into bench_meta (key, value) values (?, ?)');
    meta = { version: datasetKey(), scale: String(scale), counts: JSON.stringify(counts), timings: JSON.stringify(timings) };
    for (const [k, v] of Object.entries(meta)) put.run(k, v);
    db.pragma('journal_mode = WAL');
    db.close();
    renameSync(tmp, file);
  }
  for (const f of [run, `${run}-wal`, `${run}-shm`]) rmSync(f, { force: true });
  const tCopy = performance.now();
  copyFileSync(file, run);
  const db = new SQLite(run);
  db.prepare('update accounts set password_changed_at = ?').run(new Date().toISOString()); // the 90-day expiry must not force a change
  db.close();
  const timings = { ...(JSON.parse(meta.timings!) as Record<string, number>), runCopySeconds: secs(performance.now() - tCopy) };
  return { dialect: 'sqlite', runUrl: `sqlite:${run}`, cached, timings, counts: JSON.parse(meta.counts!) as Record<string, number> };
}

// ---------------- PostgreSQL ----------------

const PG_TYPES = { text: 'text', int: 'int', real: 'real' } as const;

function pgSink(client: pg.Client): Sink {
  const buffers = new Map<Table, Row[]>();
  let pending = 0;
  return {
    add(table: Table, row: Row) {
      let b = buffers.get(table);
      if (!b) buffers.set(table, (b = []));
      b.push(row);
      pending++;
    },
    get full() {
      return pending >= 40_000;
    },
    async flush() {
      for (const table of Object.keys(TABLES) as Table[]) {
        const rows = buffers.get(table);
        if (!rows?.length) continue;
        const cols = TABLES[table];
        for (let start = 0; start < rows.length; start += 20_000) {
          const chunk = rows.slice(start, start + 20_000);
          const arrays = cols.map((_, c) => chunk.map((r) => r[c]));
          await client.query(
            `insert into ${table} (${cols.map((c) => c[0]).join(', ')}) select * from unnest(${cols.map((c, k) => `$${k + 1}::${PG_TYPES[c[1]]}[]`).join(', ')})`,
            arrays,
          );
        }
        buffers.set(table, []);
      }
      pending = 0;
    },
  };
}

async function readMetaPg(PG_DB: string): Promise<Record<string, string> | null> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [PG_DB]);
    if (!exists.rowCount) return null;
  } finally {
    await admin.end();
  }
  const c = new pg.Client({ connectionString: pgUrl(PG_DB) });
  await c.connect();
  try {
    const r = await c.query<{ key: string; value: string }>('select key, value from bench_meta');
    return Object.fromEntries(r.rows.map((x) => [x.key, x.value]));
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

async function adminQuery(...statements: string[]) {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (const s of statements) await admin.query(s);
  } finally {
    await admin.end();
  }
}

export async function ensurePostgres(scale: number): Promise<Generated> {
  ensureKey();
  const { db: PG_DB, run: PG_RUN_DB } = pgNames(scale);
  let meta = await readMetaPg(PG_DB);
  if (meta && (meta.version !== datasetKey() || meta.scale !== String(scale))) meta = null;
  const cached = meta !== null;
  if (!meta) {
    const t0 = performance.now();
    await adminQuery(`drop database if exists ${PG_RUN_DB} with (force)`, `drop database if exists ${PG_DB} with (force)`, `create database ${PG_DB}`);
    const handle = createDb(pgUrl(PG_DB), { poolSize: 2 });
    const { calendar, auditHead } = await setUp(handle);
    await handle.close();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const tSetup = performance.now();
    const client = new pg.Client({ connectionString: pgUrl(PG_DB) });
    await client.connect();
    await client.query('set synchronous_commit = off');
    const counts = await generate({ scale, sink: pgSink(client), passwordHash, auditKey: AUDIT_KEY, auditHead, calendar });
    await client.query(FILL_UPDATE_DAYS);
    const tRows = performance.now();
    await client.query('vacuum analyze'); // what autovacuum would have done by the time a real ledger got this big
    const tAnalyze = performance.now();
    const timings = { setupSeconds: secs(tSetup - t0), rowsSeconds: secs(tRows - tSetup), vacuumAnalyzeSeconds: secs(tAnalyze - tRows), totalSeconds: secs(tAnalyze - t0) };
    meta = { version: datasetKey(), scale: String(scale), counts: JSON.stringify(counts), timings: JSON.stringify(timings) };
    await client.query('create table bench_meta (key text primary key, value text not null)');
    for (const [k, v] of Object.entries(meta)) await client.query('insert into bench_meta (key, value) values ($1, $2)', [k, v]);
    await client.end();
  }
  const tCopy = performance.now();
  await adminQuery(`drop database if exists ${PG_RUN_DB} with (force)`, `create database ${PG_RUN_DB} template ${PG_DB} strategy file_copy`);
  const c = new pg.Client({ connectionString: pgUrl(PG_RUN_DB) });
  await c.connect();
  await c.query('update accounts set password_changed_at = $1', [new Date().toISOString()]);
  await c.end();
  const timings = { ...(JSON.parse(meta.timings!) as Record<string, number>), runCopySeconds: secs(performance.now() - tCopy) };
  return { dialect: 'postgres', runUrl: pgUrl(PG_RUN_DB), cached, timings, counts: JSON.parse(meta.counts!) as Record<string, number> };
}

export async function dropPostgresRunCopy(scale: number) {
  await adminQuery(`drop database if exists ${pgNames(scale).run} with (force)`);
}

export { log };
