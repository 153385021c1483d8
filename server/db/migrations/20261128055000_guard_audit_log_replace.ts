// Frozen: never edit after it has landed. Imports only kysely.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * SQLite: `INSERT OR REPLACE` (and `REPLACE`) deletes the row it conflicts with without firing delete triggers
 * (recursive_triggers is off), so reusing an existing seq or id would overwrite the append-only trail. Refuse such an
 * insert before it happens. PostgreSQL needs nothing: ON CONFLICT DO UPDATE fires the update trigger.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPg(db)) return;
  await sql`create trigger audit_log_no_replace before insert on audit_log
    when exists (select 1 from audit_log where seq = new.seq) or exists (select 1 from audit_log where id = new.id)
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: no down');
}
